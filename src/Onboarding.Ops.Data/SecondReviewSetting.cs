using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Onboarding.Ops.Domain.FourEyes;

namespace Onboarding.Ops.Data;

/// <summary>One second-review rule, on or off, as an admin last set it (Admin › Reference data). Every rule starts on.</summary>
public sealed class SecondReviewSetting
{
    public SecondReviewRule Rule { get; set; }
    public bool On { get; set; }
    public string ChangedBy { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }
    public int Version { get; set; }
}

public static class SecondReviewRulesQuery
{
    /// <summary>The rules on now. Read at each decision (a handful of rows), so a change applies at once on every instance.</summary>
    public static async Task<SecondReviewRules> SecondReviewRulesAsync(this OpsDbContext db, CancellationToken cancellationToken = default) =>
        new((await db.Set<SecondReviewSetting>().AsNoTracking().Where(s => s.On).Select(s => s.Rule).ToListAsync(cancellationToken)).ToHashSet());
}

/// <summary>
/// A note for one member of staff about their own work, e.g. that a decision they staged was sent back or dropped.
/// Shown on their overview until they dismiss it.
/// </summary>
public sealed class StaffNotice
{
    public Guid Id { get; set; }
    public string StaffId { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Text { get; set; } = "";
    /// <summary>The page the notice is about, relative to the app.</summary>
    public string Link { get; set; } = "";
    public DateTimeOffset? DismissedAt { get; set; }

    /// <summary>The notice its maker gets when a staged decision ends unapplied.</summary>
    public static StaffNotice Of(Domain.Audit.StagedDecisionEnded ended) => new()
    {
        Id = Guid.NewGuid(),
        StaffId = ended.Decision.StagedById,
        At = ended.At,
        Text = ended.How == "dropped"
            ? $"Your {ended.Decision.Describe()} of {ended.About} was dropped: {ended.Note}"
            : $"{ended.By} sent back your {ended.Decision.Describe()} of {ended.About}: {ended.Note}",
        Link = ended.SubjectType == Domain.AccessRequests.AccessRequest.SubjectType ? $"access-requests/{ended.SubjectId}" : $"customers/{ended.SubjectId}",
    };
}

public sealed class SecondReviewSettingConfiguration : IEntityTypeConfiguration<SecondReviewSetting>
{
    public void Configure(EntityTypeBuilder<SecondReviewSetting> setting)
    {
        setting.ToTable("SecondReviewRules");
        setting.HasKey(s => s.Rule);
        setting.Property(s => s.Rule).HasConversion<string>().HasMaxLength(40);
        setting.Property(s => s.ChangedBy).HasMaxLength(100);
        setting.Property(s => s.Version).IsConcurrencyToken();
        setting.HasData(Enum.GetValues<SecondReviewRule>().Select(rule => new SecondReviewSetting
        {
            Rule = rule, On = true, ChangedBy = "System", ChangedAt = new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero),
        }));
    }
}

public sealed class StaffNoticeConfiguration : IEntityTypeConfiguration<StaffNotice>
{
    public void Configure(EntityTypeBuilder<StaffNotice> notice)
    {
        notice.ToTable("StaffNotices");
        notice.HasKey(n => n.Id);
        notice.Property(n => n.StaffId).HasMaxLength(450);
        notice.Property(n => n.Text).HasMaxLength(2000);
        notice.Property(n => n.Link).HasMaxLength(300);
        notice.HasIndex(n => new { n.StaffId, n.DismissedAt });
    }
}
