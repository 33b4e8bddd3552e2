using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Onboarding.Ops.Domain.Audit;

namespace Onboarding.Ops.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    /// <summary>Created by the migration: SQLite aborts any UPDATE or DELETE on the audit table.</summary>
    public const string NoUpdateTrigger = "AuditEntries_NoUpdate";
    public const string NoDeleteTrigger = "AuditEntries_NoDelete";

    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        // Declaring the triggers stops EF from using RETURNING, which SQLite refuses on tables with triggers.
        entry.ToTable("AuditEntries", t =>
        {
            t.HasTrigger(NoUpdateTrigger);
            t.HasTrigger(NoDeleteTrigger);
        });
        entry.HasKey(e => e.Id);
        entry.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.ActorId).HasMaxLength(64);
        entry.Property(e => e.ActorName).HasMaxLength(100);
        entry.Property(e => e.SubjectType).HasMaxLength(40);
        entry.Property(e => e.SubjectId).HasMaxLength(64);
        entry.Property(e => e.Action).HasMaxLength(60);
        entry.Property(e => e.StatusBefore).HasMaxLength(30);
        entry.Property(e => e.StatusAfter).HasMaxLength(30);
        entry.Property(e => e.ReasonCodes).AsJson();

        entry.Property(e => e.PreviousHash).HasMaxLength(64);
        entry.Property(e => e.Hash).HasMaxLength(64);

        // One entry per place in a chain: two saves that read the same head cannot both append (the later one retries).
        // It is also a subject's entries in the order written (it replaced a (SubjectType, SubjectId, At) index).
        entry.HasIndex(e => new { e.SubjectType, e.SubjectId, e.ChainSequence }).IsUnique();
        entry.HasIndex(e => new { e.CustomerId, e.At });
        entry.HasIndex(e => e.At);
        // The reports: one action's entries in a period, with what they group by, read from the index alone.
        entry.HasIndex(e => new { e.Action, e.At, e.StaffSeconds, e.StatusBefore, e.ActorName, e.CustomerId });
    }
}

public sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> checkpoint)
    {
        checkpoint.ToTable("AuditCheckpoints", t =>
        {
            t.HasTrigger("AuditCheckpoints_NoUpdate");
            t.HasTrigger("AuditCheckpoints_NoDelete");
        });
        checkpoint.HasKey(c => c.Sequence);
        checkpoint.Property(c => c.Sequence).ValueGeneratedNever();
        checkpoint.Property(c => c.Root).HasMaxLength(64);
        checkpoint.Property(c => c.PreviousHash).HasMaxLength(64);
        checkpoint.Property(c => c.Hash).HasMaxLength(64);
    }
}

public sealed class AuditCheckpointHeadConfiguration : IEntityTypeConfiguration<AuditCheckpointHead>
{
    public void Configure(EntityTypeBuilder<AuditCheckpointHead> head)
    {
        head.ToTable("AuditCheckpointHeads", t =>
        {
            t.HasTrigger("AuditCheckpointHeads_NoUpdate");
            t.HasTrigger("AuditCheckpointHeads_NoDelete");
        });
        head.HasKey(h => new { h.CheckpointSequence, h.Position });
        head.Property(h => h.SubjectType).HasMaxLength(40);
        head.Property(h => h.SubjectId).HasMaxLength(64);
        head.Property(h => h.EntryHash).HasMaxLength(64);
        // The verifier finds each sealed head's entry, and the last sealed place of a chain.
        head.HasIndex(h => new { h.SubjectType, h.SubjectId, h.ChainSequence }).IsUnique();
    }
}
