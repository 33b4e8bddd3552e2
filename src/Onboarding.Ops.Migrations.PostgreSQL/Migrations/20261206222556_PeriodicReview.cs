using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Onboarding.Ops.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class PeriodicReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReviewHighYears",
                table: "RiskThresholds",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "ReviewLowYears",
                table: "RiskThresholds",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "ReviewMediumYears",
                table: "RiskThresholds",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastReviewedAt",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NextReviewOn",
                table: "Customers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReviewEveryYears",
                table: "Customers",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.UpdateData(
                table: "RiskThresholds",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "ReviewHighYears", "ReviewLowYears", "ReviewMediumYears" },
                values: new object[] { 1, 3, 2 });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Status_NextReviewOn",
                table: "Customers",
                columns: new[] { "Status", "NextReviewOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_Status_NextReviewOn",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ReviewHighYears",
                table: "RiskThresholds");

            migrationBuilder.DropColumn(
                name: "ReviewLowYears",
                table: "RiskThresholds");

            migrationBuilder.DropColumn(
                name: "ReviewMediumYears",
                table: "RiskThresholds");

            migrationBuilder.DropColumn(
                name: "LastReviewedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "NextReviewOn",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ReviewEveryYears",
                table: "Customers");
        }
    }
}
