using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Crossing.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Capabilities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CaseCode",
                table: "duplicate_alerts",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "OtherCaseCode",
                table: "duplicate_alerts",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Mac",
                table: "audit_head",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "audit_events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<long>(
                name: "DisabledAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsService",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "LastTotpStep",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ExpiresAt",
                table: "api_tokens",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FundId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    GoalMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    GoalCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Pseudonym = table.Column<byte[]>(type: "BLOB", nullable: true),
                    MayShowFace = table.Column<bool>(type: "INTEGER", nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
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
                name: "contact_attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reached = table.Column<bool>(type: "INTEGER", nullable: false),
                    StaffCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contact_attempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contact_attempts_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "donors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Email = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Name = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Address = table.Column<byte[]>(type: "BLOB", nullable: true),
                    EmailUpdates = table.Column<bool>(type: "INTEGER", nullable: false),
                    PostalMail = table.Column<bool>(type: "INTEGER", nullable: false),
                    ThankYouIntroductions = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_donors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "follow_ups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ResponsibleStaff = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_follow_ups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_follow_ups_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fundraisers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FundId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fundraisers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gift_adjustments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Processor = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PaymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    DisputeId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    DisputeStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reflected = table.Column<bool>(type: "INTEGER", nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gift_adjustments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoice_payment_links",
                columns: table => new
                {
                    InvoiceId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    PaymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoice_payment_links", x => x.InvoiceId);
                });

            migrationBuilder.CreateTable(
                name: "journey_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RaisedBy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "ledger_accounts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DebitsMustNotExceedCredits = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "partners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Contact = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Notes = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompromisedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "processor_events",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Processor = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ApiVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processor_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "relatives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SeekerCaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SeekerCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FullName = table.Column<byte[]>(type: "BLOB", nullable: false),
                    BirthYear = table.Column<byte[]>(type: "BLOB", nullable: true),
                    LastKnownPlace = table.Column<byte[]>(type: "BLOB", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "resettlement_services",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ResponsibleStaff = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resettlement_services", x => x.Id);
                    table.ForeignKey(
                        name: "FK_resettlement_services_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "routes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Address = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Contact = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompromisedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "gifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Processor = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PaymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    InvoiceId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DonorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    RawAmount = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FundId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Designation = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CampaignId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FundraiserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    GivenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    RefundedMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    DisputeLostMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    DisputeHeldMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_gifts_donors_DonorId",
                        column: x => x.DonorId,
                        principalTable: "donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "follow_up_reminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FollowUpId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ResponsibleStaff = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_follow_up_reminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_follow_up_reminders_follow_ups_FollowUpId",
                        column: x => x.FollowUpId,
                        principalTable: "follow_ups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ledger_balances",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    DebitsMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    CreditsMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_balances", x => new { x.AccountId, x.CurrencyCode });
                    table.ForeignKey(
                        name: "FK_ledger_balances_ledger_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "ledger_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_transfers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DebitAccountId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreditAccountId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PostedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_transfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ledger_transfers_ledger_accounts_CreditAccountId",
                        column: x => x.CreditAccountId,
                        principalTable: "ledger_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ledger_transfers_ledger_accounts_DebitAccountId",
                        column: x => x.DebitAccountId,
                        principalTable: "ledger_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reunification_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RelativeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SeekerCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SeekerCompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidateCaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidateCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CandidateCompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
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

            migrationBuilder.CreateTable(
                name: "route_status_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RouteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RouteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    MedianPerPersonMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    P80PerPersonMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EstimateReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EstimateSamples = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RouteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    FromSafeHouseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToSafeHouseId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RouteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WindowId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CoordinatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CoordinatorCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LegCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CurrentLeg = table.Column<int>(type: "INTEGER", nullable: false),
                    CurrentLegDeparted = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ArrivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HandedOverAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PurgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Itinerary = table.Column<byte[]>(type: "BLOB", nullable: false)
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
                    LegId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RouteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JourneyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Leg = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Incident = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Note = table.Column<byte[]>(type: "BLOB", nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JourneyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RouteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Leg = table.Column<int>(type: "INTEGER", nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JourneyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JourneyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Need = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TickedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JourneyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CaseCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
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

            migrationBuilder.InsertData(
                table: "ledger_accounts",
                columns: new[] { "Id", "CreatedAt", "DebitsMustNotExceedCredits", "Kind", "Name" },
                values: new object[,]
                {
                    { "clearing:manual", 1767225600000000L, false, "Clearing", "Manual entries clearing" },
                    { "clearing:stripe", 1767225600000000L, false, "Clearing", "Stripe clearing" },
                    { "expense:journeys", 1767225600000000L, false, "Expense", "Journey costs" },
                    { "expense:operations", 1767225600000000L, false, "Expense", "Operations" },
                    { "fees:stripe", 1767225600000000L, false, "Fees", "Stripe fees" },
                    { "fund:general", 1767225600000000L, false, "Fund", "General" },
                    { "fund:rescue", 1767225600000000L, true, "Fund", "Rescue and resettlement" },
                    { "held:stripe-disputes", 1767225600000000L, false, "Held", "Stripe disputes held" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_campaigns_From_To",
                table: "campaigns",
                columns: new[] { "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_consents_CaseId_Scope",
                table: "consents",
                columns: new[] { "CaseId", "Scope" });

            migrationBuilder.CreateIndex(
                name: "IX_consents_CompartmentId",
                table: "consents",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_contact_attempts_CaseId",
                table: "contact_attempts",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_donors_Code",
                table: "donors",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_follow_up_reminders_CaseId_DueOn",
                table: "follow_up_reminders",
                columns: new[] { "CaseId", "DueOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_follow_up_reminders_FollowUpId",
                table: "follow_up_reminders",
                column: "FollowUpId");

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_CaseId_DueOn",
                table: "follow_ups",
                columns: new[] { "CaseId", "DueOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_ResponsibleStaff_DueOn",
                table: "follow_ups",
                columns: new[] { "ResponsibleStaff", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_gift_adjustments_EventId",
                table: "gift_adjustments",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_gift_adjustments_Processor_PaymentId",
                table: "gift_adjustments",
                columns: new[] { "Processor", "PaymentId" });

            migrationBuilder.CreateIndex(
                name: "IX_gifts_DonorId",
                table: "gifts",
                column: "DonorId");

            migrationBuilder.CreateIndex(
                name: "IX_gifts_GivenAt",
                table: "gifts",
                column: "GivenAt");

            migrationBuilder.CreateIndex(
                name: "IX_gifts_Processor_InvoiceId",
                table: "gifts",
                columns: new[] { "Processor", "InvoiceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_gifts_Processor_PaymentId",
                table: "gifts",
                columns: new[] { "Processor", "PaymentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_gifts_Status",
                table: "gifts",
                column: "Status");

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
                name: "IX_ledger_transfers_CreditAccountId",
                table: "ledger_transfers",
                column: "CreditAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_transfers_DebitAccountId",
                table: "ledger_transfers",
                column: "DebitAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_transfers_Key",
                table: "ledger_transfers",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_transfers_Reference",
                table: "ledger_transfers",
                column: "Reference");

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
                name: "IX_processor_events_Outcome",
                table: "processor_events",
                column: "Outcome");

            migrationBuilder.CreateIndex(
                name: "IX_relatives_CompartmentId",
                table: "relatives",
                column: "CompartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_relatives_SeekerCaseId",
                table: "relatives",
                column: "SeekerCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_resettlement_services_CaseId",
                table: "resettlement_services",
                column: "CaseId");

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
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "consents");

            migrationBuilder.DropTable(
                name: "contact_attempts");

            migrationBuilder.DropTable(
                name: "follow_up_reminders");

            migrationBuilder.DropTable(
                name: "fundraisers");

            migrationBuilder.DropTable(
                name: "gift_adjustments");

            migrationBuilder.DropTable(
                name: "gifts");

            migrationBuilder.DropTable(
                name: "invoice_payment_links");

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
                name: "ledger_balances");

            migrationBuilder.DropTable(
                name: "ledger_transfers");

            migrationBuilder.DropTable(
                name: "processor_events");

            migrationBuilder.DropTable(
                name: "resettlement_services");

            migrationBuilder.DropTable(
                name: "reunification_alerts");

            migrationBuilder.DropTable(
                name: "route_leg_partners");

            migrationBuilder.DropTable(
                name: "route_status_changes");

            migrationBuilder.DropTable(
                name: "follow_ups");

            migrationBuilder.DropTable(
                name: "donors");

            migrationBuilder.DropTable(
                name: "journeys");

            migrationBuilder.DropTable(
                name: "ledger_accounts");

            migrationBuilder.DropTable(
                name: "relatives");

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

            migrationBuilder.DropColumn(
                name: "CaseCode",
                table: "duplicate_alerts");

            migrationBuilder.DropColumn(
                name: "OtherCaseCode",
                table: "duplicate_alerts");

            migrationBuilder.DropColumn(
                name: "Mac",
                table: "audit_head");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "DisabledAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "IsService",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "LastTotpStep",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "api_tokens");
        }
    }
}
