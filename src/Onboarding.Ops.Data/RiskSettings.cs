using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Onboarding.Ops.Domain.Risk;

namespace Onboarding.Ops.Data;

/// <summary>The risk thresholds and the periodic review's intervals as an admin last set them (one row).</summary>
public sealed class RiskThresholdSetting
{
    public int Id { get; set; } = 1;
    public int MediumFrom { get; set; } = RiskPolicy.Default.MediumFrom;
    public int HighFrom { get; set; } = RiskPolicy.Default.HighFrom;
    public int ReviewHighYears { get; set; } = ReviewSchedule.Default.HighYears;
    public int ReviewMediumYears { get; set; } = ReviewSchedule.Default.MediumYears;
    public int ReviewLowYears { get; set; } = ReviewSchedule.Default.LowYears;

    public ReviewSchedule Review => new(ReviewHighYears, ReviewMediumYears, ReviewLowYears);
    public string ChangedBy { get; set; } = "System";
    public DateTimeOffset ChangedAt { get; set; }
    public int Version { get; set; }
}

public static class RiskPolicyQuery
{
    /// <summary>The policy in force: read at each assessment (a handful of rows), so an admin's change applies at once on every instance.</summary>
    public static async Task<RiskPolicy> RiskPolicyAsync(this OpsDbContext db, CancellationToken cancellationToken = default)
    {
        var thresholds = await db.Set<RiskThresholdSetting>().AsNoTracking().SingleAsync(cancellationToken);
        var countries = await db.Set<CountryRisk>().AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Points, cancellationToken);
        return new RiskPolicy(countries, thresholds.MediumFrom, thresholds.HighFrom, thresholds.Review);
    }
}

public sealed class RiskSettingsConfiguration : IEntityTypeConfiguration<RiskThresholdSetting>, IEntityTypeConfiguration<CountryRisk>
{
    public void Configure(EntityTypeBuilder<RiskThresholdSetting> setting)
    {
        setting.ToTable("RiskThresholds");
        setting.HasKey(s => s.Id);
        setting.Property(s => s.Id).ValueGeneratedNever();
        setting.Property(s => s.ChangedBy).HasMaxLength(100);
        setting.Property(s => s.Version).IsConcurrencyToken();
        setting.Ignore(s => s.Review);
        setting.HasData(new RiskThresholdSetting { ChangedAt = new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero) });
    }

    public void Configure(EntityTypeBuilder<CountryRisk> country)
    {
        country.ToTable("CountryRisks");
        country.HasKey(c => c.Code);
        country.Property(c => c.Code).HasMaxLength(2);
        country.Property(c => c.Reason).HasMaxLength(CountryRisk.MaxReasonLength);
        country.Property(c => c.AddedBy).HasMaxLength(100);
    }
}
