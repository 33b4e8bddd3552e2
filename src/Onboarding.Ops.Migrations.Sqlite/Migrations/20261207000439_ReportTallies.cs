using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Onboarding.Ops.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportRollups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    RolledThrough = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ThroughEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    RolledAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportTallies",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Series = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportTallies", x => new { x.Day, x.PartnerId, x.Series, x.Key, x.Detail });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportRollups");

            migrationBuilder.DropTable(
                name: "ReportTallies");
        }
    }
}
