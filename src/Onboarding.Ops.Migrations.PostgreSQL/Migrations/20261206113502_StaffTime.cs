using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Onboarding.Ops.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class StaffTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "StaffClockFrom",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "StaffTimeInCycle",
                table: "Customers",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<long>(
                name: "StaffSeconds",
                table: "AuditEntries",
                type: "bigint",
                nullable: true);

            // Cases waiting for a reviewer now: their staff clock runs from their last status change (the time of an
            // earlier part of their cycle, before an answer from the customer, is not known here and not counted).
            migrationBuilder.Sql("""UPDATE "Customers" SET "StaffClockFrom" = "StatusChangedAt" WHERE "Queue" = 'NeedsReview' AND "Status" IN ('Pending', 'UpdateRequested');""");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action_At_StaffSeconds_StatusBefore_ActorName_~",
                table: "AuditEntries",
                columns: new[] { "Action", "At", "StaffSeconds", "StatusBefore", "ActorName", "CustomerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Action_At_StaffSeconds_StatusBefore_ActorName_~",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "StaffClockFrom",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "StaffTimeInCycle",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "StaffSeconds",
                table: "AuditEntries");
        }
    }
}
