using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Onboarding.Ops.Migrations.PostgreSQL
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
                    Id = table.Column<int>(type: "integer", nullable: false),
                    RolledThrough = table.Column<DateOnly>(type: "date", nullable: false),
                    ThroughEntryId = table.Column<long>(type: "bigint", nullable: false),
                    RolledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportTallies",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    PartnerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Series = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Detail = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
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
