using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Onboarding.Ops.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SealedWebhookSecrets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Secrets stored in the clear cannot be sealed in SQL (the keys are the app's): they are dropped, and an
            // admin makes a new one per partner in Admin › Partners. No partner receives webhooks in production yet.
            // A rename and an update, not a drop and an add: SQLite then needs no table rebuild. (Its TEXT has no length.)
            migrationBuilder.RenameColumn(name: "WebhookSecret", table: "Partners", newName: "SealedWebhookSecret");
            migrationBuilder.Sql("UPDATE Partners SET SealedWebhookSecret = NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE Partners SET SealedWebhookSecret = NULL;");
            migrationBuilder.RenameColumn(name: "SealedWebhookSecret", table: "Partners", newName: "WebhookSecret");
        }
    }
}
