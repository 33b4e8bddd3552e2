using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Onboarding.Ops.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditCheckpointHeads",
                columns: table => new
                {
                    CheckpointSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChainSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    EntryHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCheckpointHeads", x => new { x.CheckpointSequence, x.Position });
                });

            migrationBuilder.CreateTable(
                name: "AuditCheckpoints",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ThroughEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    ChainCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Root = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCheckpoints", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "AuditVerificationRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RunBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Entries = table.Column<long>(type: "INTEGER", nullable: false),
                    Chains = table.Column<long>(type: "INTEGER", nullable: false),
                    Checkpoints = table.Column<long>(type: "INTEGER", nullable: false),
                    Unsealed = table.Column<long>(type: "INTEGER", nullable: false),
                    Problems = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CheckpointSequence = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckpointHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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
                DROP TRIGGER AuditEntries_NoUpdate;
                CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries WHEN OLD.Hash IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'Audit entries cannot be changed.'); END;
                CREATE TRIGGER AuditCheckpoints_NoUpdate BEFORE UPDATE ON AuditCheckpoints
                BEGIN SELECT RAISE(ABORT, 'Audit checkpoints cannot be changed.'); END;
                CREATE TRIGGER AuditCheckpoints_NoDelete BEFORE DELETE ON AuditCheckpoints
                BEGIN SELECT RAISE(ABORT, 'Audit checkpoints cannot be deleted.'); END;
                CREATE TRIGGER AuditCheckpointHeads_NoUpdate BEFORE UPDATE ON AuditCheckpointHeads
                BEGIN SELECT RAISE(ABORT, 'Audit checkpoints cannot be changed.'); END;
                CREATE TRIGGER AuditCheckpointHeads_NoDelete BEFORE DELETE ON AuditCheckpointHeads
                BEGIN SELECT RAISE(ABORT, 'Audit checkpoints cannot be deleted.'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS AuditCheckpoints_NoUpdate;
                DROP TRIGGER IF EXISTS AuditCheckpoints_NoDelete;
                DROP TRIGGER IF EXISTS AuditCheckpointHeads_NoUpdate;
                DROP TRIGGER IF EXISTS AuditCheckpointHeads_NoDelete;
                DROP TRIGGER AuditEntries_NoUpdate;
                CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries
                BEGIN SELECT RAISE(ABORT, 'Audit entries cannot be changed.'); END;
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
