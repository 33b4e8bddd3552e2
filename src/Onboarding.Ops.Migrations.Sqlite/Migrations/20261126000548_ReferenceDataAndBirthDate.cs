using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Onboarding.Ops.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferenceDataAndBirthDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "BirthDate",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "UnsupportedCountries",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnsupportedCountries", x => x.Code);
                });

            migrationBuilder.InsertData(
                table: "UnsupportedCountries",
                columns: new[] { "Code", "AddedAt", "AddedBy", "Reason" },
                values: new object[,]
                {
                    { "CU", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "System", "Initial list: sanctioned jurisdiction." },
                    { "IR", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "System", "Initial list: sanctioned jurisdiction." },
                    { "KP", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "System", "Initial list: sanctioned jurisdiction." },
                    { "SY", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "System", "Initial list: sanctioned jurisdiction." }
                });

            // Customers saved before the column existed: their birth date is in the person data.
            migrationBuilder.Sql("UPDATE Customers SET BirthDate = json_extract(Person, '$.birthDate') WHERE Person IS NOT NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BirthDate",
                table: "Customers",
                column: "BirthDate");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UnsupportedCountries");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BirthDate",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "BirthDate",
                table: "Customers");
        }
    }
}
