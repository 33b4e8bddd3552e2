using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Features.Reports;

/// <summary>
/// Keeps the reports' daily tallies (<see cref="ReportTally"/>): every few minutes, by one instance at a time, counts
/// each closed day (UTC) not yet kept from the audit trail, one day per transaction, and counts again any day an entry
/// was saved for after its tallies were kept. A report then reads a month as a few thousand rows.
/// </summary>
public sealed class ReportRollups(
    IDbContextFactory<OpsDbContext> contexts, ReportTallies tallies, AppInstance instance, TimeProvider clock, ILogger<ReportRollups> logger)
    : Recurring(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    /// <summary>Counts and keeps the days due; how many it kept, or null when another instance is at it.</summary>
    public async Task<int?> RollUpAsync(CancellationToken cancellationToken = default)
    {
        const string lease = "report-rollup";
        var now = Clock.GetUtcNow();
        var today = ReportTallies.DayOf(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.TryTakeAsync(lease, instance, now, TimeSpan.FromMinutes(30), cancellationToken))
        {
            return null;
        }
        try
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            var through = await db.LastSavedAuditEntryAsync(cancellationToken);
            var rollup = await db.Set<ReportRollup>().SingleOrDefaultAsync(cancellationToken);
            var seen = rollup?.ThroughEntryId ?? 0;
            var earliest = await db.AuditEntries.Where(e => e.Id > seen && e.Id <= through).MinAsync(e => (DateTimeOffset?)e.At, cancellationToken);
            var from = rollup?.RolledThrough ?? today;
            if (earliest is { } at && ReportTallies.DayOf(at) < from)
            {
                from = ReportTallies.DayOf(at);
            }
            if (rollup is null)
            {
                rollup = new ReportRollup { RolledThrough = from };
                db.Add(rollup);
            }

            var days = 0;
            for (var day = from; day < today; day = day.AddDays(1), days++)
            {
                // Counted before the transaction, which then writes only the two tables of the roll-up, the state's row
                // first: it holds no lock while it reads the trail.
                var counted = await tallies.CountAsync(db, ReportTallies.StartOf(day), ReportTallies.StartOf(day.AddDays(1)), null, through, cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                (rollup.RolledThrough, rollup.ThroughEntryId, rollup.RolledAt) = (day.AddDays(1), through, now);
                await db.SaveChangesAsync(cancellationToken);
                await db.Set<ReportTally>().Where(t => t.Day == day).ExecuteDeleteAsync(cancellationToken);
                db.AddRange(counted);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                DetachTallies(db);
            }
            // Every kept day now holds the entries up to the newest (a late entry's day, when it is today or later, is no longer kept).
            (rollup.RolledThrough, rollup.ThroughEntryId, rollup.RolledAt) = (days > 0 ? rollup.RolledThrough : from, through, now);
            await db.SaveChangesAsync(cancellationToken);
            return days;
        }
        finally
        {
            await db.ReleaseAsync(lease, instance, CancellationToken.None);
        }
    }

    private static void DetachTallies(OpsDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<ReportTally>().ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        if (await RollUpAsync(stoppingToken) is > 0 and var days)
        {
            Logger.LogInformation("Report tallies kept for {Days} days", days);
        }
    }
}
