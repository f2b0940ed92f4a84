using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crossing.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReceiptSafe : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                table: "receipts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "receipts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Sent");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "donors",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_receipts_State",
                table: "receipts",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_receipts_State",
                table: "receipts");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "receipts");

            migrationBuilder.DropColumn(
                name: "State",
                table: "receipts");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "donors");
        }
    }
}
