using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Onboarding.Ops.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewLoop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LastDeclinedUpdate",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Proposed",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            // Updates under review before this migration had already replaced the data: their changed fields move into
            // the proposal (the old values survive only in that list and the audit trail).
            migrationBuilder.Sql("""
                UPDATE Customers SET Proposed = json_object(
                    'person', json(Person), 'company', json(Company), 'changes', json(PendingChanges),
                    'submittedAt', replace(SubmittedAt, ' ', 'T') || 'Z', 'submittedBy', LastChangedBy)
                WHERE Status = 'UpdateRequested';
                """);

            migrationBuilder.DropColumn(
                name: "PendingChanges",
                table: "Customers");

            // A completion date says nothing of the answers: a questionnaire must be answered again.
            migrationBuilder.DropColumn(
                name: "SourceOfFundsCompletedAt",
                table: "Customers");

            migrationBuilder.AddColumn<string>(
                name: "SourceOfFunds",
                table: "Customers",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastDeclinedUpdate",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Proposed",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SourceOfFunds",
                table: "Customers");

            migrationBuilder.AddColumn<DateTime>(
                name: "SourceOfFundsCompletedAt",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PendingChanges",
                table: "Customers",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }
    }
}
