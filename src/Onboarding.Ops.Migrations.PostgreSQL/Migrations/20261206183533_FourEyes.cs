using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Onboarding.Ops.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class FourEyes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Staged",
                table: "Customers",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Staged",
                table: "AccessRequests",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StagedAt",
                table: "AccessRequests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SecondReviewRules",
                columns: table => new
                {
                    Rule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    On = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecondReviewRules", x => x.Rule);
                });

            migrationBuilder.CreateTable(
                name: "StaffNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DismissedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffNotices", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "SecondReviewRules",
                columns: new[] { "Rule", "ChangedAt", "ChangedBy", "On", "Version" },
                values: new object[,]
                {
                    { "AccessRevocation", new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Utc), "System", true, 0 },
                    { "ApprovalWithClearedCheck", new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Utc), "System", true, 0 },
                    { "FinalRejection", new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Utc), "System", true, 0 },
                    { "VirtualAccountGrant", new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Utc), "System", true, 0 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessRequests_StagedAt",
                table: "AccessRequests",
                column: "StagedAt");

            migrationBuilder.CreateIndex(
                name: "IX_StaffNotices_StaffId_DismissedAt",
                table: "StaffNotices",
                columns: new[] { "StaffId", "DismissedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SecondReviewRules");

            migrationBuilder.DropTable(
                name: "StaffNotices");

            migrationBuilder.DropIndex(
                name: "IX_AccessRequests_StagedAt",
                table: "AccessRequests");

            migrationBuilder.DropColumn(
                name: "Staged",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Staged",
                table: "AccessRequests");

            migrationBuilder.DropColumn(
                name: "StagedAt",
                table: "AccessRequests");
        }
    }
}
