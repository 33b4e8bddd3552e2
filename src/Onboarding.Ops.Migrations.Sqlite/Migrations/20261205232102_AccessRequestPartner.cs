using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Onboarding.Ops.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessRequestPartner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PartnerId",
                table: "AccessRequests",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");
            // Requests made before: their customer's partner, who asked.
            migrationBuilder.Sql("""
                UPDATE "AccessRequests" SET "PartnerId" = (SELECT "PartnerId" FROM "Customers" WHERE "Customers"."Id" = "AccessRequests"."CustomerId")
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PartnerId",
                table: "AccessRequests");
        }
    }
}
