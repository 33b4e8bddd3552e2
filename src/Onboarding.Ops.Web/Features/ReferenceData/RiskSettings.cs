using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Risk;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.ReferenceData;

/// <summary>
/// Admin › Reference data: the risk thresholds and the country risk list every assessment reads. Admins only, checked
/// here; every change audited. After a change every customer is assessed again in the background (<see cref="Risk.RiskReassessment"/>).
/// </summary>
public sealed class RiskSettings(CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock)
{
    public const string Subject = "risk_policy";

    public async Task<(RiskThresholdSetting Thresholds, IReadOnlyList<CountryRisk> Countries)> ListAsync()
    {
        await current.RequireAsync(Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync();
        return (await db.Set<RiskThresholdSetting>().AsNoTracking().SingleAsync(),
            await db.Set<CountryRisk>().AsNoTracking().OrderByDescending(c => c.Points).ThenBy(c => c.Code).ToListAsync());
    }

    /// <summary>Whether customers are still to be assessed again after the latest change, and the last run's record.</summary>
    public async Task<ReassessmentState> ReassessmentAsync()
    {
        await current.RequireAsync(Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync();
        var (_, done) = await Risk.RiskReassessment.StateAsync(db);
        var last = await db.AuditEntries.AsNoTracking().Where(e => e.SubjectType == Risk.RiskReassessment.Subject)
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync();
        return new ReassessmentState(!done, last?.At, last?.Note);
    }

    /// <summary>The thresholds and the periodic review's intervals, saved together.</summary>
    public async Task<DecisionResult> SetThresholdsAsync(int mediumFrom, int highFrom, ReviewSchedule review, int version)
    {
        var actor = (await current.RequireAsync(Policies.Admin)).ToActor();
        if ((RiskThresholds.Problem(mediumFrom, highFrom) ?? review.Problem()) is { } problem)
        {
            return new DecisionResult(DecisionOutcome.Refused, problem);
        }
        await using var db = await contexts.CreateDbContextAsync();
        var setting = await db.Set<RiskThresholdSetting>().SingleAsync();
        if (setting.Version != version)
        {
            return new DecisionResult(DecisionOutcome.Conflict, $"{setting.ChangedBy} changed the thresholds meanwhile; the page shows them now.");
        }
        var before = new { setting.MediumFrom, setting.HighFrom, review = setting.Review };
        (setting.MediumFrom, setting.HighFrom, setting.ChangedBy, setting.ChangedAt) = (mediumFrom, highFrom, actor.Name, clock.GetUtcNow());
        (setting.ReviewHighYears, setting.ReviewMediumYears, setting.ReviewLowYears) = (review.HighYears, review.MediumYears, review.LowYears);
        setting.Version++;
        db.AuditEntries.Add(AuditEntry.Create(actor, setting.ChangedAt, Subject, "thresholds", null, "risk_thresholds_changed", null, null,
            details: new { before, after = new { mediumFrom, highFrom, review } }));
        return await db.SaveOrConflictAsync() is { } conflict
            ? new DecisionResult(DecisionOutcome.Conflict, conflict.Message)
            : new DecisionResult(DecisionOutcome.Done, $"Medium from {mediumFrom} points, high from {highFrom}; reviews every "
                + $"{review.HighYears}, {review.MediumYears} and {review.LowYears} years. Every customer is assessed again with them within a minute.");
    }

    public async Task<DecisionResult> AddCountryAsync(string code, int points, string reason)
    {
        var actor = (await current.RequireAsync(Policies.Admin)).ToActor();
        var now = clock.GetUtcNow();
        CountryRisk country;
        try
        {
            country = CountryRisk.Add(actor, now, code ?? "", points, reason ?? "");
        }
        catch (DomainRuleException refused)
        {
            return new DecisionResult(DecisionOutcome.Refused, refused.Message);
        }
        return await CountryLists.AddAsync(contexts, country, country.Code,
            AuditEntry.Create(actor, now, Subject, country.Code, null, "country_risk_added", null, null, note: country.Reason, details: new { country.Points }),
            $"{country.Code} is already on the country risk list; remove it to change its points.",
            $"{country.Code} adds {country.Points} points to the customers tied to it; every customer is assessed again within a minute.");
    }

    public async Task<DecisionResult> RemoveCountryAsync(string code)
    {
        var actor = (await current.RequireAsync(Policies.Admin)).ToActor();
        return await CountryLists.RemoveAsync<CountryRisk>(contexts, code,
            country => AuditEntry.Create(actor, clock.GetUtcNow(), Subject, code, null, "country_risk_removed", null, null,
                details: new { country.Points, country.Reason, country.AddedBy }),
            $"{code} is not on the country risk list (any more).", $"{code} removed from the country risk list.");
    }
}

/// <summary>The re-assessment after a risk policy change: still to come (<paramref name="Pending"/>), and the last run.</summary>
public sealed record ReassessmentState(bool Pending, DateTimeOffset? LastAt, string? LastNote);
