using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Onboarding.Ops.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class AuditChains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_SubjectType_SubjectId_At",
                table: "AuditEntries");

            migrationBuilder.AddColumn<long>(
                name: "ChainSequence",
                table: "AuditEntries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditCheckpointHeads",
                columns: table => new
                {
                    CheckpointSequence = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ChainSequence = table.Column<long>(type: "bigint", nullable: false),
                    EntryHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCheckpointHeads", x => new { x.CheckpointSequence, x.Position });
                });

            migrationBuilder.CreateTable(
                name: "AuditCheckpoints",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ThroughEntryId = table.Column<long>(type: "bigint", nullable: false),
                    ChainCount = table.Column<int>(type: "integer", nullable: false),
                    Root = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCheckpoints", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "AuditVerificationRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RunBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: false),
                    Entries = table.Column<long>(type: "bigint", nullable: false),
                    Chains = table.Column<long>(type: "bigint", nullable: false),
                    Checkpoints = table.Column<long>(type: "bigint", nullable: false),
                    Unsealed = table.Column<long>(type: "bigint", nullable: false),
                    Problems = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CheckpointSequence = table.Column<long>(type: "bigint", nullable: true),
                    CheckpointHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditVerificationRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SubjectType_SubjectId_ChainSequence",
                table: "AuditEntries",
                columns: new[] { "SubjectType", "SubjectId", "ChainSequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditCheckpointHeads_SubjectType_SubjectId_ChainSequence",
                table: "AuditCheckpointHeads",
                columns: new[] { "SubjectType", "SubjectId", "ChainSequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditVerificationRuns_StartedAt",
                table: "AuditVerificationRuns",
                column: "StartedAt");

            // An entry written before the chains may be updated once, by the upgrade that chains it (AuditSeal); a
            // chained entry, a checkpoint and its heads never.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION audit_entries_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'AuditEntries' AND OLD."Hash" IS NULL THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION '% cannot be %.', CASE TG_TABLE_NAME WHEN 'AuditEntries' THEN 'Audit entries' ELSE 'Audit checkpoints' END,
                        CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END;
                END $$;
                CREATE TRIGGER "AuditCheckpoints_NoUpdate" BEFORE UPDATE ON "AuditCheckpoints" FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse();
                CREATE TRIGGER "AuditCheckpoints_NoDelete" BEFORE DELETE ON "AuditCheckpoints" FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse();
                CREATE TRIGGER "AuditCheckpoints_NoTruncate" BEFORE TRUNCATE ON "AuditCheckpoints" FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse();
                CREATE TRIGGER "AuditCheckpointHeads_NoUpdate" BEFORE UPDATE ON "AuditCheckpointHeads" FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse();
                CREATE TRIGGER "AuditCheckpointHeads_NoDelete" BEFORE DELETE ON "AuditCheckpointHeads" FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse();
                CREATE TRIGGER "AuditCheckpointHeads_NoTruncate" BEFORE TRUNCATE ON "AuditCheckpointHeads" FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "AuditCheckpoints_NoUpdate" ON "AuditCheckpoints";
                DROP TRIGGER IF EXISTS "AuditCheckpoints_NoDelete" ON "AuditCheckpoints";
                DROP TRIGGER IF EXISTS "AuditCheckpoints_NoTruncate" ON "AuditCheckpoints";
                DROP TRIGGER IF EXISTS "AuditCheckpointHeads_NoUpdate" ON "AuditCheckpointHeads";
                DROP TRIGGER IF EXISTS "AuditCheckpointHeads_NoDelete" ON "AuditCheckpointHeads";
                DROP TRIGGER IF EXISTS "AuditCheckpointHeads_NoTruncate" ON "AuditCheckpointHeads";
                CREATE OR REPLACE FUNCTION audit_entries_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'Audit entries cannot be %.', CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END;
                END $$;
                """);

            migrationBuilder.DropTable(
                name: "AuditCheckpointHeads");

            migrationBuilder.DropTable(
                name: "AuditCheckpoints");

            migrationBuilder.DropTable(
                name: "AuditVerificationRuns");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_SubjectType_SubjectId_ChainSequence",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ChainSequence",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "AuditEntries");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SubjectType_SubjectId_At",
                table: "AuditEntries",
                columns: new[] { "SubjectType", "SubjectId", "At" });
        }
    }
}
