using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Customers;

public sealed record QueueRow(
    Guid Id, string Name, CustomerType Type, VerificationLevel Level, VerificationModel Model, CustomerStatus Status,
    DateTimeOffset WaitingSince, DateTimeOffset CreatedAt, SlaState Sla, string Partner, string? PartnerReference, string? TopBlocker,
    string? AssigneeId, string? Assignee, int Version, Domain.Risk.RiskLevel? Risk = null);

public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, int Total, bool TotalIsCapped);

/// <summary>A view's number of customers, counted up to <see cref="CustomerQueue.CountCap"/> so counting stays bounded.</summary>
public sealed record ViewCount(QueueView View, int Count, bool Capped);

/// <summary>
/// The customer queue: every filter, search and sort runs in the database on an index; only the page's rows are loaded whole,
/// to show each one's top blocker from the domain.
/// </summary>
public sealed class CustomerQueue(
    CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, SlaTargets sla, RequirementPolicy policy)
{
    /// <summary>Counts stop here: "10,000+" says enough, and a bounded count keeps a million customers as fast as ten thousand.</summary>
    public const int CountCap = 10_000;

    public async Task<QueuePage> PageAsync(QueueFilter filter, CancellationToken cancellationToken = default)
    {
        var me = (await current.RequireAsync(Policies.Customers)).StaffId();
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (total, capped) = await CountAsync(Filtered(db, filter, now, me), cancellationToken);
        var ids = await PageQuery(db, filter, now, me, walkInWaitingOrder: total > WalkThreshold).ToListAsync(cancellationToken);
        return new QueuePage(await RowsAsync(db, ids, now, cancellationToken), total, capped);
    }

    /// <summary>Every customer a view lists, in its order, read a batch at a time (the CSV export streams them).</summary>
    public async IAsyncEnumerable<QueueRow> AllRowsAsync(
        QueueFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int batch = 500;
        var me = (await current.RequireAsync(Policies.Customers)).StaffId();
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        for (var page = 0; ; page++)
        {
            var ids = await PageQuery(db, filter with { Page = page, PageSize = batch }, now, me).ToListAsync(cancellationToken);
            foreach (var row in await RowsAsync(db, ids, now, cancellationToken))
            {
                yield return row;
            }
            if (ids.Count < batch)
            {
                yield break;
            }
        }
    }

    /// <summary>The rows of these customers, in this order, each with the domain's top blocker.</summary>
    private async Task<IReadOnlyList<QueueRow>> RowsAsync(OpsDbContext db, IReadOnlyList<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var customers = (await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id);
        var requests = await db.AccessRequests.AsNoTracking()
            .Where(r => ids.Contains(r.CustomerId) && r.Status == AccessRequestStatus.Requested).ToListAsync(cancellationToken);
        var partners = await db.PartnerNamesAsync(cancellationToken);

        return [.. ids.Select(id => customers[id]).Select(c => new QueueRow(
            c.Id, Display(c), c.Type, c.Level, c.Model, c.Status, c.WaitingSince, c.CreatedAt, sla.StateOf(c, now),
            partners.GetValueOrDefault(c.PartnerId, c.PartnerId), c.PartnerReference,
            BlockerEngine.For(c, requests.Where(r => r.CustomerId == c.Id), policy, sla, now).FirstOrDefault()?.Summary,
            c.AssigneeId, c.AssigneeName, c.Version, c.RiskAssessedAt is null ? null : c.RiskLevel))];
    }

    /// <summary>Each built-in view's count.</summary>
    public Task<IReadOnlyList<ViewCount>> CountsAsync(CancellationToken cancellationToken = default) =>
        CountsAsync([.. Enum.GetValues<QueueView>().Select(view => new QueueFilter { View = view })], cancellationToken);

    /// <summary>How many customers each filter lists now (the saved views' counts).</summary>
    public async Task<IReadOnlyList<ViewCount>> CountsAsync(IReadOnlyList<QueueFilter> filters, CancellationToken cancellationToken = default)
    {
        var me = (await current.RequireAsync(Policies.Customers)).StaffId();
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = new List<ViewCount>();
        foreach (var filter in filters)
        {
            var (count, capped) = await CountAsync(Filtered(db, filter, now, me), cancellationToken);
            counts.Add(new ViewCount(filter.View, count, capped));
        }
        return counts;
    }

    public async Task<IReadOnlyDictionary<string, string>> PartnersAsync(CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.Customers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PartnerNamesAsync(cancellationToken);
    }

    internal static string Display(Customer c) => string.IsNullOrWhiteSpace(c.Name) ? "(name not provided yet)" : c.Name;

    /// <remarks>
    /// Counts any <see cref="CountCap"/> + 1 matching rows, unordered on purpose: ordered, SQLite sorts every match first
    /// (10–20× slower at a million customers), for the same count. EF Core warns of such a limit (it would pick arbitrary
    /// rows); the app logs that warning at Debug for this reason (<c>DatabaseSettings.Apply</c>).
    /// </remarks>
    private static async Task<(int Count, bool Capped)> CountAsync(IQueryable<Customer> query, CancellationToken cancellationToken)
    {
        var count = await query.Select(c => c.Id).Take(CountCap + 1).CountAsync(cancellationToken);
        return count > CountCap ? (CountCap, true) : (count, false);
    }

    /// <summary>
    /// Above this many matches, a name search is checked row by row while walking the sort order, so the first rows
    /// come at once; below it, SQLite looks the names up by their index and sorts the few.
    /// </summary>
    internal const int WalkThreshold = 2_000;

    /// <summary>The ids of one page: the query the grid issues, kept in one place so a test can check its plan.</summary>
    internal IQueryable<Guid> PageQuery(
        OpsDbContext db, QueueFilter filter, DateTimeOffset now, string? me = null, bool walkInWaitingOrder = false) =>
        Sorted(Filtered(db, filter, now, me, walkInWaitingOrder), filter).Skip(filter.Page * filter.PageSize).Take(filter.PageSize).Select(c => c.Id);

    internal static IQueryable<Customer> InView(IQueryable<Customer> customers, QueueView view, DateTimeOffset now) => view switch
    {
        // Holds with a wake-up date sit in NeedsReview with WaitingSince = wake-up: they appear once due.
        QueueView.NeedsReview => customers.Where(c => c.Queue == WorkQueue.NeedsReview && c.WaitingSince <= now),
        QueueView.SecondReview => customers.Where(c => c.Queue == WorkQueue.SecondReview),
        QueueView.ScreeningHits => customers.Where(c => c.OpenHits > 0),
        QueueView.DueForReview => DueForReview(customers, DateOnly.FromDateTime(now.UtcDateTime)),
        QueueView.WaitingOnCustomer => customers.Where(c => c.Queue == WorkQueue.WaitingOnCustomer),
        QueueView.OnHold => customers.Where(c => c.Status == CustomerStatus.OnHold),
        QueueView.Rejected => customers.Where(c => c.Queue == WorkQueue.Rejected),
        QueueView.Active => customers.Where(c => c.Queue == WorkQueue.Active),
        _ => customers,
    };

    private static IQueryable<Customer> DueForReview(IQueryable<Customer> customers, DateOnly today) =>
        customers.Where(c => c.Status == CustomerStatus.Active && c.NextReviewOn <= today);

    /// <param name="walkInWaitingOrder">
    /// Writes the name conditions so SQLite cannot answer them from the name indexes (a concatenation), which makes it
    /// walk the sort index instead: right when many rows match, as the page query then stops after a page; the count
    /// still uses the indexes. (A created-date range needs no such trick: the page sorts by created date then.)
    /// </param>
    internal IQueryable<Customer> Filtered(
        OpsDbContext db, QueueFilter filter, DateTimeOffset now, string? me = null, bool walkInWaitingOrder = false)
    {
        var customers = db.Customers.AsNoTracking().IgnoreAutoIncludes();
        if (filter.CreatedFrom is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            customers = customers.Where(c => c.CreatedAt >= start);
        }
        if (filter.CreatedTo is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            customers = customers.Where(c => c.CreatedAt < end);
        }
        var query = InView(customers, filter.View, now);
        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }
        if (filter.Type is { } type)
        {
            query = query.Where(c => c.Type == type);
        }
        if (filter.Level is { } level)
        {
            query = query.Where(c => c.Level == level);
        }
        if (filter.Risk is { } risk)
        {
            query = query.Where(c => c.RiskLevel == risk);
        }
        if (filter.Model is { } model)
        {
            query = query.Where(c => c.Model == model);
        }
        if (filter.Assigned == Assignment.Me)
        {
            query = query.Where(c => c.AssigneeId == me);
        }
        else if (filter.Assigned == Assignment.Nobody)
        {
            query = query.Where(c => c.AssigneeId == null);
        }
        if (!string.IsNullOrWhiteSpace(filter.PartnerId))
        {
            query = query.Where(c => c.PartnerId == filter.PartnerId);
        }
        if (filter.Sla is { } state)
        {
            query = WithSla(query, state, now);
        }
        if (filter.Age is { } age && WaitingAges.Window(age, now) is var (after, until))
        {
            query = after is { } start ? query.Where(c => c.WaitingSince > start && c.WaitingSince <= until) : query.Where(c => c.WaitingSince <= until);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            query = Matching(query, filter.Search.Trim(), walkInWaitingOrder, db.Database.IsNpgsql());
        }
        return query;
    }

    /// <summary>SLA state as ranges of WaitingSince per status, mirroring <see cref="SlaTargets.StateOf(Customer, DateTimeOffset)"/>.</summary>
    private IQueryable<Customer> WithSla(IQueryable<Customer> query, SlaState state, DateTimeOffset now)
    {
        var reviewing = WorkQueue.NeedsReview;
        var (pending, update) = (sla.PendingReview, sla.UpdateReview);
        var (pendingDue, updateDue) = (now - pending, now - update);
        var (pendingSoon, updateSoon) = (now - pending * (1 - SlaTargets.DueSoonShare), now - update * (1 - SlaTargets.DueSoonShare));
        return state switch
        {
            SlaState.Overdue => query.Where(c => c.Queue == reviewing &&
                ((c.Status == CustomerStatus.Pending && c.WaitingSince < pendingDue) ||
                 (c.Status == CustomerStatus.UpdateRequested && c.WaitingSince < updateDue))),
            SlaState.DueSoon => query.Where(c => c.Queue == reviewing &&
                ((c.Status == CustomerStatus.Pending && c.WaitingSince >= pendingDue && c.WaitingSince < pendingSoon) ||
                 (c.Status == CustomerStatus.UpdateRequested && c.WaitingSince >= updateDue && c.WaitingSince < updateSoon))),
            SlaState.OnTime => query.Where(c => c.Queue == reviewing &&
                ((c.Status == CustomerStatus.Pending && c.WaitingSince >= pendingSoon) ||
                 (c.Status == CustomerStatus.UpdateRequested && c.WaitingSince >= updateSoon))),
            SlaState.None => query.Where(c => c.Queue != reviewing || c.Status == CustomerStatus.OnHold),
        };
    }

    /// <summary>
    /// One box for every kind of search, each on its own index: a customer id or national id or partner reference
    /// exactly, an email exactly, or the start of a name (first name first, or surname first).
    /// </summary>
    private static IQueryable<Customer> Matching(IQueryable<Customer> query, string search, bool walkInWaitingOrder, bool onPostgres)
    {
        if (Guid.TryParse(search, out var id))
        {
            return query.Where(c => c.Id == id);
        }
        if (search.Contains('@'))
        {
            var email = search.ToLowerInvariant();
            return query.Where(c => c.Email == email);
        }
        if (onPostgres)
        {
            // The range of lower(name) compared byte-wise, as the migrations' expression indexes are built; PostgreSQL's
            // planner chooses between them and the waiting-order index from its statistics.
            var (lower, upper) = (search.ToLowerInvariant(), search.ToLowerInvariant() + "\uffff");
            return query.Where(c => c.NationalId == search || c.PartnerReference == search
                || (string.Compare(EF.Functions.Collate(c.Name.ToLower(), "C"), lower) >= 0
                    && string.Compare(EF.Functions.Collate(c.Name.ToLower(), "C"), upper) < 0)
                || (string.Compare(EF.Functions.Collate(c.SortName.ToLower(), "C"), lower) >= 0
                    && string.Compare(EF.Functions.Collate(c.SortName.ToLower(), "C"), upper) < 0));
        }
        // A NOCASE range is what lets SQLite use the name indexes for "starts with".
        var next = search + "\uffff";
        if (walkInWaitingOrder)
        {
            return query.Where(c => c.NationalId == search || c.PartnerReference == search
                || (string.Compare(EF.Functions.Collate(c.Name + "", "NOCASE"), search) >= 0
                    && string.Compare(EF.Functions.Collate(c.Name + "", "NOCASE"), next) < 0)
                || (string.Compare(EF.Functions.Collate(c.SortName + "", "NOCASE"), search) >= 0
                    && string.Compare(EF.Functions.Collate(c.SortName + "", "NOCASE"), next) < 0));
        }
        return query.Where(c => c.NationalId == search || c.PartnerReference == search
            || (string.Compare(c.Name, search) >= 0 && string.Compare(c.Name, next) < 0)
            || (string.Compare(c.SortName, search) >= 0 && string.Compare(c.SortName, next) < 0));
    }

    private static IQueryable<Customer> Sorted(IQueryable<Customer> query, QueueFilter filter) => (filter.Sort, filter.Descending) switch
    {
        (QueueSort.Name, false) => query.OrderBy(c => c.Name).ThenBy(c => c.Id),
        (QueueSort.Name, true) => query.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
        (QueueSort.Created, false) => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        (QueueSort.Created, true) => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        // Riskiest first; within a score, the longest waiting.
        (QueueSort.Risk, false) => query.OrderByDescending(c => c.RiskScore).ThenBy(c => c.WaitingSince).ThenBy(c => c.Id),
        (QueueSort.Risk, true) => query.OrderBy(c => c.RiskScore).ThenBy(c => c.WaitingSince).ThenBy(c => c.Id),
        (_, true) => query.OrderByDescending(c => c.WaitingSince).ThenByDescending(c => c.Id),
        _ => query.OrderBy(c => c.WaitingSince).ThenBy(c => c.Id),
    };
}
