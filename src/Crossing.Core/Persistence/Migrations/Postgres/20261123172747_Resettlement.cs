using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crossing.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Resettlement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Pseudonym = table.Column<byte[]>(type: "bytea", nullable: true),
                    MayShowFace = table.Column<bool>(type: "boolean", nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_consents_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_consents_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "relatives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    SeekerCaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    SeekerCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Relation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FullName = table.Column<byte[]>(type: "bytea", nullable: false),
                    BirthYear = table.Column<byte[]>(type: "bytea", nullable: true),
                    LastKnownPlace = table.Column<byte[]>(type: "bytea", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_relatives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_relatives_cases_SeekerCaseId",
                        column: x => x.SeekerCaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_relatives_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reunification_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RelativeId = table.Column<Guid>(type: "uuid", nullable: false),
                    SeekerCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SeekerCompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CandidateCaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CandidateCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CandidateCompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Relation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reunification_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reunification_alerts_cases_CandidateCaseId",
                        column: x => x.CandidateCaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_reunification_alerts_relatives_RelativeId",
                        column: x => x.RelativeId,
                        principalTable: "relatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_consents_CaseId_Scope",
                table: "consents",
                columns: new[] { "CaseId", "Scope" });

            migrationBuilder.CreateIndex(
                name: "IX_consents_CompartmentId",
                table: "consents",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_relatives_CompartmentId",
                table: "relatives",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_relatives_SeekerCaseId",
                table: "relatives",
                column: "SeekerCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_reunification_alerts_CandidateCaseId",
                table: "reunification_alerts",
                column: "CandidateCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_reunification_alerts_CandidateCompartmentId_Decision",
                table: "reunification_alerts",
                columns: new[] { "CandidateCompartmentId", "Decision" });

            migrationBuilder.CreateIndex(
                name: "IX_reunification_alerts_RelativeId_CandidateCaseId",
                table: "reunification_alerts",
                columns: new[] { "RelativeId", "CandidateCaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reunification_alerts_SeekerCompartmentId_Decision",
                table: "reunification_alerts",
                columns: new[] { "SeekerCompartmentId", "Decision" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consents");

            migrationBuilder.DropTable(
                name: "reunification_alerts");

            migrationBuilder.DropTable(
                name: "relatives");
        }
    }
}
