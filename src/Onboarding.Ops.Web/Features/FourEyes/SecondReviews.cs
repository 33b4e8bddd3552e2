using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.FourEyes;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.FourEyes;

/// <summary>
/// The four-eyes rules as admins set them (Admin › Reference data, every change audited; each decision reads them through
/// <see cref="SecondReviewRulesQuery"/>), and the notices that tell a maker their staged decision was sent back or dropped.
/// </summary>
public sealed class SecondReviews(CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock)
{
    public const string Subject = "second_review_rule";

    public async Task<IReadOnlyList<SecondReviewSetting>> SettingsAsync()
    {
        await current.RequireAsync(Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync();
        return [.. (await db.Set<SecondReviewSetting>().AsNoTracking().ToListAsync()).OrderBy(s => s.Rule)];
    }

    public async Task<DecisionResult> SetAsync(SecondReviewRule rule, bool on, int version)
    {
        var actor = (await current.RequireAsync(Policies.Admin)).ToActor();
        await using var db = await contexts.CreateDbContextAsync();
        var setting = await db.Set<SecondReviewSetting>().SingleAsync(s => s.Rule == rule);
        var what = SecondReviewRules.Describe(rule);
        if (setting.Version != version)
        {
            return new DecisionResult(DecisionOutcome.Conflict,
                $"{setting.ChangedBy} changed this rule at {setting.ChangedAt:yyyy-MM-dd HH:mm} UTC, after you opened the page. Nothing was saved: reload.");
        }
        if (setting.On == on)
        {
            return new DecisionResult(DecisionOutcome.Done, "Nothing to change.");
        }
        var now = clock.GetUtcNow();
        (setting.On, setting.ChangedBy, setting.ChangedAt) = (on, actor.Name, now);
        setting.Version++;
        db.AuditEntries.Add(AuditEntry.Create(actor, now, Subject, SecondReviewRules.Wire(rule), null, on ? "second_review_required" : "second_review_lifted",
            null, null, details: new { rule = what }));
        if (await db.SaveOrConflictAsync() is { } conflict)
        {
            return new DecisionResult(DecisionOutcome.Conflict, conflict.Message);
        }
        return new DecisionResult(DecisionOutcome.Done, on
            ? $"From now on, {what} needs a second reviewer."
            : $"From now on, one reviewer may take {what} alone. Decisions already staged still wait for their second reviewer.");
    }

    /// <summary>The signed-in staff member's notices not yet dismissed, newest first.</summary>
    public async Task<IReadOnlyList<StaffNotice>> NoticesAsync()
    {
        var me = (await current.RequireAsync(Policies.Staff)).StaffId();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Set<StaffNotice>().AsNoTracking().Where(n => n.StaffId == me && n.DismissedAt == null)
            .OrderByDescending(n => n.At).Take(20).ToListAsync();
    }

    public async Task DismissAsync(Guid id)
    {
        var me = (await current.RequireAsync(Policies.Staff)).StaffId();
        await using var db = await contexts.CreateDbContextAsync();
        await db.Set<StaffNotice>().Where(n => n.Id == id && n.StaffId == me)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.DismissedAt, clock.GetUtcNow()));
    }
}
