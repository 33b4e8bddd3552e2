using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Onboarding.Ops.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublicApi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DefaultLevel",
                table: "Partners",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                // Partners made before the public API create at basic level when no level is sent.
                defaultValue: "Basic");

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "Customers",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DefaultLevel",
                table: "Partners");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "Customers");
        }
    }
}
