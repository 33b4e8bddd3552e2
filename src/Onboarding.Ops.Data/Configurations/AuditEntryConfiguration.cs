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

        entry.HasIndex(e => new { e.SubjectType, e.SubjectId, e.At });
        entry.HasIndex(e => new { e.CustomerId, e.At });
        entry.HasIndex(e => e.At);
        // The reports: one action's entries in a period, with what they group by, read from the index alone.
        entry.HasIndex(e => new { e.Action, e.At, e.StaffSeconds, e.StatusBefore, e.ActorName, e.CustomerId });
    }
}
