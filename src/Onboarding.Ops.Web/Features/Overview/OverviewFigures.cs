using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Partners;
using Onboarding.Ops.Web.Features.AccessRequests;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Overview;

/// <summary>One number of the overview and the queue view that lists what it counts.</summary>
public sealed record Figure(string Label, int Count, string Href);

/// <summary>A queue's depth: how much waits, by how long, and how much is past its SLA.</summary>
public sealed record QueueDepth(string Title, Figure Total, IReadOnlyList<Figure> ByAge, Figure Overdue);

/// <summary>The signed-in reviewer's own cases: how many, the one waiting longest, and the staged decisions waiting for a checker.</summary>
public sealed record MyCases(Figure Assigned, DateTimeOffset? OldestWaitingSince, Guid? OldestId, string? OldestName, Figure? AwaitingSecondReview = null);

/// <summary>What an admin watches of the partners' integration.</summary>
public sealed record PartnerHealth(Figure FailedDeliveries, Figure RetryingDeliveries, Figure IdleKeys);

/// <summary>The last verification of the audit trail failed: when, and the first problem it found.</summary>
public sealed record AuditAlarm(DateTimeOffset At, string FirstProblem);

/// <summary>
/// The landing page's figures, each computed in the database through the same filters as the queue view it links to,
/// so a number and the list behind it always agree.
/// </summary>
public sealed class OverviewFigures(
    CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, CustomerQueue customers, AccessRequestQueue requests)
{
    /// <summary>An active key not used for this long is shown: a partner may have stopped calling, or forgotten a key.</summary>
    public static readonly TimeSpan IdleKeyAge = TimeSpan.FromDays(30);

    /// <summary>The alarm of a failed audit verification, until a run passes again; null when the last run passed.</summary>
    public async Task<AuditAlarm?> AuditAlarmAsync(CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.Audit);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = await db.Set<AuditVerificationRun>().OrderByDescending(r => r.Id).Select(r => new { r.Passed, r.StartedAt, r.Problems })
            .FirstOrDefaultAsync(cancellationToken);
        return last is { Passed: false } ? new AuditAlarm(last.StartedAt, last.Problems?.Split('\n')[0] ?? "") : null;
    }

    public async Task<MyCases> MyCasesAsync(CancellationToken cancellationToken = default)
    {
        var me = (await current.RequireAsync(Policies.Review)).StaffId();
        var now = clock.GetUtcNow();
        var mine = new QueueFilter { Assigned = Assignment.Me };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = customers.Filtered(db, mine, now, me);
        var count = await query.CountAsync(cancellationToken);
        var oldest = await query.OrderBy(c => c.WaitingSince).Select(c => new { c.Id, c.Name, c.WaitingSince }).FirstOrDefaultAsync(cancellationToken);
        var staged = new QueueFilter { View = QueueView.SecondReview };
        var awaiting = await customers.Filtered(db, staged, now, me).CountAsync(cancellationToken);
        return new MyCases(new Figure("Assigned to me", count, mine.Href), oldest?.WaitingSince, oldest?.Id, oldest?.Name,
            new Figure("Awaiting second review", awaiting, staged.Href));
    }

    public async Task<QueueDepth> ReviewQueueAsync(CancellationToken cancellationToken = default)
    {
        var me = (await current.RequireAsync(Policies.Customers)).StaffId();
        return await ReviewQueueOf(customers, contexts, clock.GetUtcNow(), me, cancellationToken);
    }

    public async Task<QueueDepth> AccessQueueAsync(CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.AccessRequests);
        return AccessQueueOf(await requests.ReadyUncheckedAsync(cancellationToken), clock.GetUtcNow());
    }

    /// <summary>The review queue's depth, for whoever may see it (the page checks; the metrics count for operators).</summary>
    internal static async Task<QueueDepth> ReviewQueueOf(
        CustomerQueue customers, IDbContextFactory<OpsDbContext> contexts, DateTimeOffset now, string? me, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        async Task<Figure> CountAsync(string label, QueueFilter filter) =>
            new(label, await customers.Filtered(db, filter, now, me).CountAsync(cancellationToken), filter.Href);

        var needsReview = new QueueFilter();
        var ages = new List<Figure>();
        foreach (var age in Enum.GetValues<WaitingAge>())
        {
            ages.Add(await CountAsync(WaitingAges.Label(age), needsReview with { Age = age }));
        }
        return new QueueDepth("Needs review", await CountAsync("Waiting for review", needsReview), ages,
            await CountAsync("Past their SLA", needsReview with { Sla = SlaState.Overdue }));
    }

    /// <summary>The depth of the access requests ready to decide.</summary>
    internal static QueueDepth AccessQueueOf(IReadOnlyList<AccessRow> ready, DateTimeOffset now)
    {
        Figure Of(string label, Func<AccessRow, bool> counts, AccessFilter filter) => new(label, ready.Count(counts), "access-requests" + filter.ToQueryString());

        var ages = Enum.GetValues<WaitingAge>().Select(age =>
        {
            var (after, until) = WaitingAges.Window(age, now);
            return Of(WaitingAges.Label(age), r => (after is null || r.RequestedAt > after) && r.RequestedAt <= until, new AccessFilter(Age: age));
        }).ToList();
        return new QueueDepth("Ready to decide", Of("Ready to decide", _ => true, new AccessFilter()), ages,
            Of("Past their SLA", r => r.Sla == SlaState.Overdue, new AccessFilter(Sla: SlaState.Overdue)));
    }

    public async Task<PartnerHealth> PartnerHealthAsync(CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.Admin);
        var idleSince = clock.GetUtcNow() - IdleKeyAge;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var failed = await db.Set<WebhookEvent>().CountAsync(e => e.State == DeliveryState.Failed || e.State == DeliveryState.NoEndpoint, cancellationToken);
        var retrying = await db.Set<WebhookEvent>().CountAsync(e => e.State == DeliveryState.Pending && e.Attempts > 0, cancellationToken);
        var idle = await db.Set<ApiKey>().CountAsync(k => k.RevokedAt == null && (k.LastUsedAt ?? k.CreatedAt) < idleSince, cancellationToken);
        return new PartnerHealth(
            new Figure("Webhook deliveries failed", failed, "admin/partners"),
            new Figure("Deliveries being retried", retrying, "admin/partners"),
            new Figure($"Active API keys unused for {IdleKeyAge.TotalDays:0} days", idle, "admin/partners"));
    }
}
