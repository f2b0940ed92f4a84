using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crossing.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Journeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "journey_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Subject = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RaisedBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_journey_alerts_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "partners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<byte[]>(type: "bytea", nullable: false),
                    Contact = table.Column<byte[]>(type: "bytea", nullable: true),
                    Notes = table.Column<byte[]>(type: "bytea", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompromisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_partners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_partners_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "routes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_routes_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "safe_houses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<byte[]>(type: "bytea", nullable: false),
                    Address = table.Column<byte[]>(type: "bytea", nullable: false),
                    Contact = table.Column<byte[]>(type: "bytea", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompromisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_safe_houses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_safe_houses_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "route_status_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Actor = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_route_status_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_route_status_changes_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_route_status_changes_routes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "routes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "travel_windows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    MedianPerPersonMinor = table.Column<long>(type: "bigint", nullable: true),
                    P80PerPersonMinor = table.Column<long>(type: "bigint", nullable: true),
                    Basis = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EstimateReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EstimateSamples = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_travel_windows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_travel_windows_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_travel_windows_routes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "routes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "route_legs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    FromSafeHouseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToSafeHouseId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_route_legs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_route_legs_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_route_legs_routes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "routes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_route_legs_safe_houses_FromSafeHouseId",
                        column: x => x.FromSafeHouseId,
                        principalTable: "safe_houses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_route_legs_safe_houses_ToSafeHouseId",
                        column: x => x.ToSafeHouseId,
                        principalTable: "safe_houses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "journeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: true),
                    WindowId = table.Column<Guid>(type: "uuid", nullable: true),
                    CoordinatorId = table.Column<Guid>(type: "uuid", nullable: false),
                    CoordinatorCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    LegCount = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CurrentLeg = table.Column<int>(type: "integer", nullable: false),
                    CurrentLegDeparted = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ArrivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HandedOverAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PurgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Itinerary = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_journeys_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_journeys_routes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "routes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_journeys_travel_windows_WindowId",
                        column: x => x.WindowId,
                        principalTable: "travel_windows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "route_leg_partners",
                columns: table => new
                {
                    LegId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_route_leg_partners", x => new { x.LegId, x.PartnerId });
                    table.ForeignKey(
                        name: "FK_route_leg_partners_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_route_leg_partners_partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_route_leg_partners_route_legs_LegId",
                        column: x => x.LegId,
                        principalTable: "route_legs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "journey_check_ins",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JourneyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Leg = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Incident = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Note = table.Column<byte[]>(type: "bytea", nullable: true),
                    By = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_check_ins", x => x.Id);
                    table.ForeignKey(
                        name: "FK_journey_check_ins_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_journey_check_ins_journeys_JourneyId",
                        column: x => x.JourneyId,
                        principalTable: "journeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "journey_costs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JourneyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: true),
                    Leg = table.Column<int>(type: "integer", nullable: true),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    By = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_costs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_journey_costs_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_journey_costs_journeys_JourneyId",
                        column: x => x.JourneyId,
                        principalTable: "journeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "journey_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JourneyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_groups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_journey_groups_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_journey_groups_journeys_JourneyId",
                        column: x => x.JourneyId,
                        principalTable: "journeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "journey_needs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JourneyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Need = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TickedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_needs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_journey_needs_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_journey_needs_journeys_JourneyId",
                        column: x => x.JourneyId,
                        principalTable: "journeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "journey_people",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JourneyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CaseCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_people", x => x.Id);
                    table.ForeignKey(
                        name: "FK_journey_people_compartments_CompartmentId",
                        column: x => x.CompartmentId,
                        principalTable: "compartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_journey_people_journeys_JourneyId",
                        column: x => x.JourneyId,
                        principalTable: "journeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_journey_alerts_CompartmentId_ResolvedAt",
                table: "journey_alerts",
                columns: new[] { "CompartmentId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_journey_check_ins_CompartmentId",
                table: "journey_check_ins",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_journey_check_ins_JourneyId_At",
                table: "journey_check_ins",
                columns: new[] { "JourneyId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_journey_costs_CompartmentId",
                table: "journey_costs",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_journey_costs_JourneyId",
                table: "journey_costs",
                column: "JourneyId");

            migrationBuilder.CreateIndex(
                name: "IX_journey_costs_RouteId_Currency_At",
                table: "journey_costs",
                columns: new[] { "RouteId", "Currency", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_journey_groups_CompartmentId",
                table: "journey_groups",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_journey_groups_JourneyId_GroupCode",
                table: "journey_groups",
                columns: new[] { "JourneyId", "GroupCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_journey_needs_CompartmentId",
                table: "journey_needs",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_journey_needs_JourneyId_CaseCode_Need",
                table: "journey_needs",
                columns: new[] { "JourneyId", "CaseCode", "Need" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_journey_people_CompartmentId",
                table: "journey_people",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_journey_people_JourneyId_CaseCode",
                table: "journey_people",
                columns: new[] { "JourneyId", "CaseCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_journeys_Code",
                table: "journeys",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_journeys_CompartmentId_Status",
                table: "journeys",
                columns: new[] { "CompartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_journeys_RouteId",
                table: "journeys",
                column: "RouteId");

            migrationBuilder.CreateIndex(
                name: "IX_journeys_WindowId",
                table: "journeys",
                column: "WindowId");

            migrationBuilder.CreateIndex(
                name: "IX_partners_Code",
                table: "partners",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_partners_CompartmentId",
                table: "partners",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_route_leg_partners_CompartmentId",
                table: "route_leg_partners",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_route_leg_partners_PartnerId",
                table: "route_leg_partners",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_route_legs_CompartmentId",
                table: "route_legs",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_route_legs_FromSafeHouseId",
                table: "route_legs",
                column: "FromSafeHouseId");

            migrationBuilder.CreateIndex(
                name: "IX_route_legs_RouteId_Order",
                table: "route_legs",
                columns: new[] { "RouteId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_route_legs_ToSafeHouseId",
                table: "route_legs",
                column: "ToSafeHouseId");

            migrationBuilder.CreateIndex(
                name: "IX_route_status_changes_CompartmentId",
                table: "route_status_changes",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_route_status_changes_RouteId",
                table: "route_status_changes",
                column: "RouteId");

            migrationBuilder.CreateIndex(
                name: "IX_routes_Code",
                table: "routes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_routes_CompartmentId",
                table: "routes",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_safe_houses_Code",
                table: "safe_houses",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_safe_houses_CompartmentId",
                table: "safe_houses",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_travel_windows_Code",
                table: "travel_windows",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_travel_windows_CompartmentId",
                table: "travel_windows",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_travel_windows_RouteId_Date",
                table: "travel_windows",
                columns: new[] { "RouteId", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "journey_alerts");

            migrationBuilder.DropTable(
                name: "journey_check_ins");

            migrationBuilder.DropTable(
                name: "journey_costs");

            migrationBuilder.DropTable(
                name: "journey_groups");

            migrationBuilder.DropTable(
                name: "journey_needs");

            migrationBuilder.DropTable(
                name: "journey_people");

            migrationBuilder.DropTable(
                name: "route_leg_partners");

            migrationBuilder.DropTable(
                name: "route_status_changes");

            migrationBuilder.DropTable(
                name: "journeys");

            migrationBuilder.DropTable(
                name: "partners");

            migrationBuilder.DropTable(
                name: "route_legs");

            migrationBuilder.DropTable(
                name: "travel_windows");

            migrationBuilder.DropTable(
                name: "safe_houses");

            migrationBuilder.DropTable(
                name: "routes");
        }
    }
}
