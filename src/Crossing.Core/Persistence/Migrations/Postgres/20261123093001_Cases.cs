using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crossing.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "family_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_family_groups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_family_groups_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyGroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FullName = table.Column<byte[]>(type: "bytea", nullable: false),
                    BirthDate = table.Column<byte[]>(type: "bytea", nullable: true),
                    Sex = table.Column<byte[]>(type: "bytea", nullable: false),
                    Hometown = table.Column<byte[]>(type: "bytea", nullable: true),
                    Location = table.Column<byte[]>(type: "bytea", nullable: true),
                    Contact = table.Column<byte[]>(type: "bytea", nullable: true),
                    Notes = table.Column<byte[]>(type: "bytea", nullable: true),
                    Urgency = table.Column<byte[]>(type: "bytea", nullable: false),
                    UrgencyPoints = table.Column<int>(type: "integer", nullable: false),
                    TravelDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    WaitingSince = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cases_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cases_family_groups_FamilyGroupId",
                        column: x => x.FamilyGroupId,
                        principalTable: "family_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "duplicate_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExistingCaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    RaisedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duplicate_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_duplicate_alerts_cases_ExistingCaseId",
                        column: x => x.ExistingCaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cases_Code",
                table: "cases",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_CompartmentId_Status",
                table: "cases",
                columns: new[] { "CompartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_FamilyGroupId",
                table: "cases",
                column: "FamilyGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_duplicate_alerts_CompartmentId_ResolvedAt",
                table: "duplicate_alerts",
                columns: new[] { "CompartmentId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_duplicate_alerts_ExistingCaseId",
                table: "duplicate_alerts",
                column: "ExistingCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_family_groups_Code",
                table: "family_groups",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_family_groups_CompartmentId",
                table: "family_groups",
                column: "CompartmentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duplicate_alerts");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "family_groups");
        }
    }
}
