using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crossing.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Programmes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "programmes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    PlacesTaken = table.Column<int>(type: "INTEGER", nullable: false),
                    Waiting = table.Column<int>(type: "INTEGER", nullable: false),
                    LastQueueNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_programmes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "programme_registrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    QueueNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    Attended = table.Column<int>(type: "INTEGER", nullable: false),
                    LastAttendedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_programme_registrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_programme_registrations_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_programme_registrations_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_programme_registrations_programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_programme_registrations_CaseId",
                table: "programme_registrations",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_programme_registrations_CompartmentId",
                table: "programme_registrations",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_programme_registrations_ProgrammeId_CaseId",
                table: "programme_registrations",
                columns: new[] { "ProgrammeId", "CaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_programme_registrations_ProgrammeId_Status_QueueNumber",
                table: "programme_registrations",
                columns: new[] { "ProgrammeId", "Status", "QueueNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_programmes_StartsOn",
                table: "programmes",
                column: "StartsOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "programme_registrations");

            migrationBuilder.DropTable(
                name: "programmes");
        }
    }
}
