using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Crossing.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Funding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FundId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    GoalMinor = table.Column<long>(type: "bigint", nullable: true),
                    GoalCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "donors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Email = table.Column<byte[]>(type: "bytea", nullable: false),
                    Name = table.Column<byte[]>(type: "bytea", nullable: true),
                    Address = table.Column<byte[]>(type: "bytea", nullable: true),
                    EmailUpdates = table.Column<bool>(type: "boolean", nullable: false),
                    PostalMail = table.Column<bool>(type: "boolean", nullable: false),
                    ThankYouIntroductions = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_donors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fundraisers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FundId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fundraisers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gift_adjustments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Processor = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PaymentId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    EventId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    CurrencyCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    DisputeId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    DisputeStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reflected = table.Column<bool>(type: "boolean", nullable: false),
                    Problem = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gift_adjustments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoice_payment_links",
                columns: table => new
                {
                    InvoiceId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    PaymentId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoice_payment_links", x => x.InvoiceId);
                });

            migrationBuilder.CreateTable(
                name: "ledger_accounts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DebitsMustNotExceedCredits = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "processor_events",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Processor = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ApiVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reference = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    Problem = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processor_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Processor = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PaymentId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    InvoiceId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DonorId = table.Column<Guid>(type: "uuid", nullable: true),
                    CurrencyCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    RawAmount = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FundId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Designation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CampaignId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FundraiserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    GivenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Problem = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    RefundedMinor = table.Column<long>(type: "bigint", nullable: false),
                    DisputeLostMinor = table.Column<long>(type: "bigint", nullable: false),
                    DisputeHeldMinor = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "ledger_balances",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CurrencyCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    DebitsMinor = table.Column<long>(type: "bigint", nullable: false),
                    CreditsMinor = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DebitAccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreditAccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CurrencyCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PostedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.InsertData(
                table: "ledger_accounts",
                columns: new[] { "Id", "CreatedAt", "DebitsMustNotExceedCredits", "Kind", "Name" },
                values: new object[,]
                {
                    { "clearing:manual", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), false, "Clearing", "Manual entries clearing" },
                    { "clearing:stripe", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), false, "Clearing", "Stripe clearing" },
                    { "expense:journeys", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), false, "Expense", "Journey costs" },
                    { "expense:operations", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), false, "Expense", "Operations" },
                    { "fees:stripe", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), false, "Fees", "Stripe fees" },
                    { "fund:general", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), false, "Fund", "General" },
                    { "fund:rescue", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), true, "Fund", "Rescue and resettlement" },
                    { "held:stripe-disputes", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), false, "Held", "Stripe disputes held" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_campaigns_From_To",
                table: "campaigns",
                columns: new[] { "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_donors_Code",
                table: "donors",
                column: "Code",
                unique: true);

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
                name: "IX_processor_events_Outcome",
                table: "processor_events",
                column: "Outcome");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "fundraisers");

            migrationBuilder.DropTable(
                name: "gift_adjustments");

            migrationBuilder.DropTable(
                name: "gifts");

            migrationBuilder.DropTable(
                name: "invoice_payment_links");

            migrationBuilder.DropTable(
                name: "ledger_balances");

            migrationBuilder.DropTable(
                name: "ledger_transfers");

            migrationBuilder.DropTable(
                name: "processor_events");

            migrationBuilder.DropTable(
                name: "donors");

            migrationBuilder.DropTable(
                name: "ledger_accounts");
        }
    }
}
