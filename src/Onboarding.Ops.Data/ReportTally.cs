using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Onboarding.Ops.Data;

/// <summary>
/// How many of one figure of the reports happened on a day (UTC) for one partner's customers: decisions by outcome and
/// person, final decisions by staff time, SLA breaches, rejection reasons, access outcomes by product. A closed day's
/// figures are counted once from the audit trail and kept, so a month's report reads a few thousand of these rows
/// instead of a quarter of a million entries.
/// </summary>
public sealed class ReportTally
{
    public DateOnly Day { get; set; }
    public string PartnerId { get; set; } = "";

    /// <summary>Which figure: <c>decision</c>, <c>staff</c>, <c>breach</c>, <c>reason</c>, <c>access</c>.</summary>
    public string Series { get; set; } = "";

    /// <summary>The outcome, the tenth of an hour, the reason code or the product, as the series needs.</summary>
    public string Key { get; set; } = "";

    /// <summary>The person who decided (<c>decision</c>) or the access outcome (<c>access</c>); empty otherwise.</summary>
    public string Detail { get; set; } = "";

    public int Count { get; set; }
}

/// <summary>
/// Which days are tallied: every day before <see cref="RolledThrough"/>, from the audit entries up to
/// <see cref="ThroughEntryId"/>. An entry saved later for one of those days (a fake clock, a late writer) is seen by
/// its higher id, and its day is counted from the trail again.
/// </summary>
public sealed class ReportRollup
{
    public const int Single = 1;

    public int Id { get; set; } = Single;
    public DateOnly RolledThrough { get; set; }
    public long ThroughEntryId { get; set; }
    public DateTimeOffset RolledAt { get; set; }
}

public sealed class ReportTallyConfiguration : IEntityTypeConfiguration<ReportTally>
{
    public void Configure(EntityTypeBuilder<ReportTally> tally)
    {
        tally.ToTable("ReportTallies");
        tally.HasKey(t => new { t.Day, t.PartnerId, t.Series, t.Key, t.Detail });
        tally.Property(t => t.PartnerId).HasMaxLength(64);
        tally.Property(t => t.Series).HasMaxLength(16);
        tally.Property(t => t.Key).HasMaxLength(64);
        tally.Property(t => t.Detail).HasMaxLength(100);
    }
}

public sealed class ReportRollupConfiguration : IEntityTypeConfiguration<ReportRollup>
{
    public void Configure(EntityTypeBuilder<ReportRollup> rollup)
    {
        rollup.ToTable("ReportRollups");
        rollup.HasKey(r => r.Id);
        rollup.Property(r => r.Id).ValueGeneratedNever();
    }
}
