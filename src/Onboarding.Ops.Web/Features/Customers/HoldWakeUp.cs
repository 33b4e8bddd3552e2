using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Hosting;

namespace Onboarding.Ops.Web.Features.Customers;

/// <summary>
/// Every minute on the injected clock, returns holds whose wake-up date has passed to the status they were held from,
/// as the system, with an audit entry, so they come back to the reviewers by themselves.
/// </summary>
public sealed class HoldWakeUp(
    IDbContextFactory<OpsDbContext> contexts, AppInstance instance, TimeProvider clock, CustomerActivity activity, ILogger<HoldWakeUp> logger)
    : Recurring(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);
    private const int Batch = 100;

    /// <summary>
    /// Wakes every hold that is due now, in batches, by one app instance at a time (the lease, renewed each batch);
    /// returns how many woke.
    /// </summary>
    public async Task<int> WakeDueHoldsAsync(CancellationToken cancellationToken = default)
    {
        const string lease = "hold-wake-up";
        var woken = 0;
        while (true)
        {
            var now = Clock.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.TryTakeAsync(lease, instance, now, TimeSpan.FromMinutes(5), cancellationToken))
            {
                return woken;
            }
            // A hold with a wake-up date waits in the reviewers' bucket from that date on (Customer.WaitingSince).
            var due = await db.Customers
                .Where(c => c.Status == CustomerStatus.OnHold && c.Queue == WorkQueue.NeedsReview && c.WaitingSince <= now)
                .OrderBy(c => c.WaitingSince).Take(Batch).ToListAsync(cancellationToken);
            foreach (var customer in due)
            {
                customer.WakeUp(Actor.System, now);
            }
            if (due.Count == 0 || await db.SaveOrConflictAsync(cancellationToken) is not null)
            {
                // Done, or a reviewer acted on one of them at the same moment: the next round picks up what is still due.
                await db.ReleaseAsync(lease, instance, cancellationToken);
                return woken;
            }
            woken += due.Count;
            foreach (var customer in due)
            {
                activity.Changed(customer.Id, Actor.System.Id, Actor.System.Name, now);
            }
        }
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        if (await WakeDueHoldsAsync(stoppingToken) is > 0 and var count)
        {
            Logger.LogInformation("Woke {Count} holds whose wake-up date had passed", count);
        }
    }
}
