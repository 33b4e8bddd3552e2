using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Onboarding.Ops.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class Screening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OpenHits",
                table: "Customers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ScreenedAgainst",
                table: "Customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ScreenedAt",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScreeningHits",
                table: "Customers",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "ScreeningLists",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    FileHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileBytes = table.Column<long>(type: "bigint", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LinesRead = table.Column<int>(type: "integer", nullable: false),
                    Entries = table.Column<int>(type: "integer", nullable: false),
                    Persons = table.Column<int>(type: "integer", nullable: false),
                    Pep = table.Column<int>(type: "integer", nullable: false),
                    Problems = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ProblemCount = table.Column<int>(type: "integer", nullable: false),
                    RescreenTotal = table.Column<int>(type: "integer", nullable: false),
                    RescreenDone = table.Column<int>(type: "integer", nullable: false),
                    RescreenHits = table.Column<int>(type: "integer", nullable: false),
                    ReadyAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RescreenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningLists", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_OpenHits_WaitingSince",
                table: "Customers",
                columns: new[] { "OpenHits", "WaitingSince" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningLists_Name_Version",
                table: "ScreeningLists",
                columns: new[] { "Name", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningLists_State",
                table: "ScreeningLists",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScreeningLists");

            migrationBuilder.DropIndex(
                name: "IX_Customers_OpenHits_WaitingSince",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "OpenHits",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ScreenedAgainst",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ScreenedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ScreeningHits",
                table: "Customers");
        }
    }
}
