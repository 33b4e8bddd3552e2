using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Web.Features.ReferenceData;

namespace Onboarding.Ops.Web.Features.Risk;

/// <summary>
/// After an admin changes the risk policy (thresholds, review intervals, the country list), every customer is assessed
/// again in the background, by one instance at a time: each changed assessment is in the trail, and the run records
/// itself (<c>customers_reassessed</c>, subject <see cref="Subject"/>, id the policy change's entry). A round finds the
/// latest policy change without such a record, so a run an earlier process did not finish is done at the next start.
/// </summary>
public sealed class RiskReassessment(
    IDbContextFactory<OpsDbContext> contexts, AppInstance instance, TimeProvider clock, ILogger<RiskReassessment> logger)
    : Recurring(clock, logger)
{
    public const string Subject = "risk_reassessment";

    // Checking costs two index lookups; a minute is how long customers may keep the old policy's level.
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    /// <summary>The latest policy change and whether every customer has been assessed with it since.</summary>
    public static async Task<(long? Change, bool Done)> StateAsync(OpsDbContext db, CancellationToken cancellationToken = default)
    {
        var change = await db.AuditEntries.Where(e => e.SubjectType == RiskSettings.Subject).MaxAsync(e => (long?)e.Id, cancellationToken);
        return (change, change is not { } id
            || await db.AuditEntries.AnyAsync(e => e.SubjectType == Subject && e.SubjectId == id.ToString(), cancellationToken));
    }

    /// <summary>Assesses every customer again when the policy changed since the last run; null when there was nothing to do.</summary>
    public async Task<(int Assessed, int Changed)?> ReassessIfPolicyChangedAsync(CancellationToken cancellationToken = default)
    {
        const string lease = "risk-reassessment";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await StateAsync(db, cancellationToken) is not (long change, false)
            || !await db.TryTakeAsync(lease, instance, Clock.GetUtcNow(), TimeSpan.FromHours(2), cancellationToken))
        {
            return null;
        }
        try
        {
            var now = Clock.GetUtcNow();
            var (assessed, changed) = await RiskAssessor.AssessInBatchesAsync(db, _ => true, now, cancellationToken);
            db.AuditEntries.Add(AuditEntry.Create(Actor.System, Clock.GetUtcNow(), Subject, change.ToString(), null, "customers_reassessed", null, null,
                note: $"Every customer assessed again after the risk policy changed: {assessed} customers, {changed} with a new assessment.",
                details: new { policyChange = change, customers = assessed, changed }));
            await db.SaveChangesAsync(cancellationToken);
            Logger.LogInformation("Risk policy change {Change}: {Customers} customers assessed again, {Changed} changed", change, assessed, changed);
            return (assessed, changed);
        }
        finally
        {
            await db.ReleaseAsync(lease, instance, CancellationToken.None);
        }
    }

    protected override Task RunAsync(CancellationToken stoppingToken) => ReassessIfPolicyChangedAsync(stoppingToken);
}
