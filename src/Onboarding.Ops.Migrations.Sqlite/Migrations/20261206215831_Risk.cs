using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Onboarding.Ops.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Risk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RiskAssessedAt",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskFactors",
                table: "Customers",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "RiskLevel",
                table: "Customers",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "Low");

            migrationBuilder.AddColumn<int>(
                name: "RiskScore",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CountryRisks",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountryRisks", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "RiskThresholds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    MediumFrom = table.Column<int>(type: "INTEGER", nullable: false),
                    HighFrom = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskThresholds", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "RiskThresholds",
                columns: new[] { "Id", "ChangedAt", "ChangedBy", "HighFrom", "MediumFrom", "Version" },
                values: new object[] { 1, new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Utc), "System", 50, 25, 0 });

            migrationBuilder.InsertData(
                table: "SecondReviewRules",
                columns: new[] { "Rule", "ChangedAt", "ChangedBy", "On", "Version" },
                values: new object[] { "HighRiskApproval", new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Utc), "System", true, 0 });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Queue_RiskLevel_WaitingSince",
                table: "Customers",
                columns: new[] { "Queue", "RiskLevel", "WaitingSince" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CountryRisks");

            migrationBuilder.DropTable(
                name: "RiskThresholds");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Queue_RiskLevel_WaitingSince",
                table: "Customers");

            migrationBuilder.DeleteData(
                table: "SecondReviewRules",
                keyColumn: "Rule",
                keyValue: "HighRiskApproval");

            migrationBuilder.DropColumn(
                name: "RiskAssessedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RiskFactors",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RiskLevel",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RiskScore",
                table: "Customers");
        }
    }
}
