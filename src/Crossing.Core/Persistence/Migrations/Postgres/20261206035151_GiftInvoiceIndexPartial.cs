using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crossing.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GiftInvoiceIndexPartial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_gifts_Processor_InvoiceId",
                table: "gifts");

            migrationBuilder.CreateIndex(
                name: "IX_gifts_Processor_InvoiceId",
                table: "gifts",
                columns: new[] { "Processor", "InvoiceId" },
                unique: true,
                filter: "\"InvoiceId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_gifts_Processor_InvoiceId",
                table: "gifts");

            migrationBuilder.CreateIndex(
                name: "IX_gifts_Processor_InvoiceId",
                table: "gifts",
                columns: new[] { "Processor", "InvoiceId" },
                unique: true);
        }
    }
}
