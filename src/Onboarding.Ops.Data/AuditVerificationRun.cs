using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Onboarding.Ops.Data;

/// <summary>
/// One run of the audit verifier (the background job, the command or an admin's button) and what it found: the admin
/// page shows the last one, and a failed one is an alarm there and an audit entry.
/// </summary>
public sealed class AuditVerificationRun
{
    public const int MaxProblemsLength = 4000;

    public long Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    /// <summary>Who ran it: <c>schedule</c>, <c>command</c> or an admin's name.</summary>
    public string RunBy { get; set; } = "";
    public bool Passed { get; set; }
    public long Entries { get; set; }
    public long Chains { get; set; }
    public long Checkpoints { get; set; }
    /// <summary>Entries after the latest checkpoint: chained, not yet sealed.</summary>
    public long Unsealed { get; set; }
    /// <summary>The problems found, the first (the first broken entry) first, one per line.</summary>
    public string? Problems { get; set; }
    public long? CheckpointSequence { get; set; }
    public string? CheckpointHash { get; set; }
}

public sealed class AuditVerificationRunConfiguration : IEntityTypeConfiguration<AuditVerificationRun>
{
    public void Configure(EntityTypeBuilder<AuditVerificationRun> run)
    {
        run.ToTable("AuditVerificationRuns");
        run.HasKey(r => r.Id);
        run.Property(r => r.RunBy).HasMaxLength(100);
        run.Property(r => r.Problems).HasMaxLength(AuditVerificationRun.MaxProblemsLength);
        run.Property(r => r.CheckpointHash).HasMaxLength(64);
        run.HasIndex(r => r.StartedAt);
    }
}
