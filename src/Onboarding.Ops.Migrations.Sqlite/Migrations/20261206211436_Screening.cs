using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Onboarding.Ops.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Screening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OpenHits",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ScreenedAgainst",
                table: "Customers",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ScreenedAt",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScreeningHits",
                table: "Customers",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "ScreeningLists",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    FileHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FileBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LinesRead = table.Column<int>(type: "INTEGER", nullable: false),
                    Entries = table.Column<int>(type: "INTEGER", nullable: false),
                    Persons = table.Column<int>(type: "INTEGER", nullable: false),
                    Pep = table.Column<int>(type: "INTEGER", nullable: false),
                    Problems = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    ProblemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RescreenTotal = table.Column<int>(type: "INTEGER", nullable: false),
                    RescreenDone = table.Column<int>(type: "INTEGER", nullable: false),
                    RescreenHits = table.Column<int>(type: "INTEGER", nullable: false),
                    ReadyAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RescreenedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningLists", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_OpenHits_WaitingSince",
                table: "Customers",
                columns: new[] { "OpenHits", "WaitingSince" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningLists_Name_Version",
                table: "ScreeningLists",
                columns: new[] { "Name", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningLists_State",
                table: "ScreeningLists",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScreeningLists");

            migrationBuilder.DropIndex(
                name: "IX_Customers_OpenHits_WaitingSince",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "OpenHits",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ScreenedAgainst",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ScreenedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ScreeningHits",
                table: "Customers");
        }
    }
}
