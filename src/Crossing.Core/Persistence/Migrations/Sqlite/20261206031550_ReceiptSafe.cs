using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crossing.Core.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "receipts",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Sent");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "donors",
                type: "TEXT",
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
