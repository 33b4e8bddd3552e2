using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Onboarding.Ops.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VerificationLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "VerificationLinkExpiresAt",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationLinkHash",
                table: "Customers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_VerificationLinkHash",
                table: "Customers",
                column: "VerificationLinkHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_VerificationLinkHash",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "VerificationLinkExpiresAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "VerificationLinkHash",
                table: "Customers");
        }
    }
}
