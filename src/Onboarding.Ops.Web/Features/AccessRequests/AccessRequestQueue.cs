using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.AccessRequests;

public enum AccessView
{
    Ready,
    Blocked,
    /// <summary>Grants and revocations staged by one approver, waiting for a second.</summary>
    SecondReview,
    Granted,
    Rejected,
    Revoked,
    All,
}

public sealed record AccessFilter(
    AccessView View = AccessView.Ready, Product? Product = null, string? Variant = null, string? PartnerId = null,
    SlaState? Sla = null, string? Search = null, int Page = 0, int PageSize = 25, WaitingAge? Age = null)
{
    public string ToQueryString() => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("", new Dictionary<string, string?>
    {
        ["view"] = View == AccessView.Ready ? null : View.ToString().ToLowerInvariant(),
        ["product"] = Product is { } product ? Products.Wire(product) : null,
        ["variant"] = Variant,
        ["partner"] = PartnerId,
        ["sla"] = Sla?.ToString().ToLowerInvariant(),
        ["age"] = Age is { } age ? WaitingAges.Wire(age) : null,
        ["q"] = Search,
        ["page"] = Page == 0 ? null : (Page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["size"] = PageSize == 25 ? null : PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrWhiteSpace(p.Value))!);

    public static AccessFilter FromQueryString(string queryString)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString);
        string? Get(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;
        return new AccessFilter(
            Enum.TryParse<AccessView>(Get("view"), ignoreCase: true, out var view) ? view : AccessView.Ready,
            Enum.GetValues<Product>().Cast<Product?>().FirstOrDefault(p => Products.Wire(p!.Value) == Get("product")),
            Get("variant"), Get("partner"),
            Enum.TryParse<SlaState>(Get("sla"), ignoreCase: true, out var sla) ? sla : null,
            Get("q"),
            int.TryParse(Get("page"), out var page) && page > 0 ? page - 1 : 0,
            int.TryParse(Get("size"), out var size) && size is >= 10 and <= 100 ? size : 25,
            WaitingAges.FromWire(Get("age")));
    }
}

public sealed record AccessRow(
    Guid Id, int Version, Guid CustomerId, string Customer, CustomerStatus CustomerStatus, Product Kind, string Product, AccessRequestStatus Status,
    DateTimeOffset RequestedAt, SlaState Sla, string Partner, string Readiness, bool Ready);

public sealed record AccessPage(IReadOnlyList<AccessRow> Rows, int Total);

/// <summary>
/// The product team's queue. Status, product, partner, SLA and search run in SQLite; whether an open request is
/// ready is the domain's answer (customer active and the product's requirements met), evaluated for open requests only.
/// </summary>
public sealed class AccessRequestQueue(
    CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, SlaTargets sla, RequirementPolicy policy)
{
    public async Task<AccessPage> PageAsync(AccessFilter filter, CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.AccessRequests);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (filter.View is AccessView.Ready or AccessView.Blocked)
        {
            // Readiness is the domain's answer, so open requests are evaluated here: their number is bounded by the
            // work waiting for the product team, not by the history.
            var open = (await OpenRowsAsync(db, filter, now, cancellationToken)).Where(r => r.Ready == (filter.View == AccessView.Ready)).ToList();
            return new AccessPage([.. open.Skip(filter.Page * filter.PageSize).Take(filter.PageSize)], open.Count);
        }
        var query = Joined(db, filter, now);
        var total = await query.CountAsync(cancellationToken);
        var page = await query.Skip(filter.Page * filter.PageSize).Take(filter.PageSize).ToListAsync(cancellationToken);
        var partners = await db.PartnerNamesAsync(cancellationToken);
        return new AccessPage([.. page.Select(x => Row(x.Request, x.Customer, partners, now))], total);
    }

    public async Task<IReadOnlyDictionary<AccessView, int>> CountsAsync(CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.AccessRequests);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await OpenRowsAsync(db, new AccessFilter(), now, cancellationToken);
        var byStatus = await db.AccessRequests.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new Dictionary<AccessView, int>
        {
            [AccessView.Ready] = open.Count(r => r.Ready),
            [AccessView.Blocked] = open.Count(r => !r.Ready),
            [AccessView.SecondReview] = await db.AccessRequests.CountAsync(r => r.StagedAt != null, cancellationToken),
            [AccessView.Granted] = byStatus.GetValueOrDefault(AccessRequestStatus.Granted),
            [AccessView.Rejected] = byStatus.GetValueOrDefault(AccessRequestStatus.Rejected),
            [AccessView.Revoked] = byStatus.GetValueOrDefault(AccessRequestStatus.Revoked),
            [AccessView.All] = byStatus.Values.Sum(),
        };
    }

    /// <summary>The open requests ready for a decision now (the overview counts them by age and SLA).</summary>
    public async Task<IReadOnlyList<AccessRow>> ReadyAsync(CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.AccessRequests);
        return await ReadyUncheckedAsync(cancellationToken);
    }

    /// <summary>The same without a signed-in user: for the metrics, which count for the operators, not a person.</summary>
    internal async Task<IReadOnlyList<AccessRow>> ReadyUncheckedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return [.. (await OpenRowsAsync(db, new AccessFilter(), clock.GetUtcNow(), cancellationToken)).Where(r => r.Ready)];
    }

    private sealed class Pair
    {
        public required AccessRequest Request { get; init; }
        public required Customer Customer { get; init; }
    }

    public async Task<IReadOnlyDictionary<string, string>> PartnersAsync(CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.AccessRequests);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PartnerNamesAsync(cancellationToken);
    }

    /// <summary>The open requests matching the filter, each with the domain's readiness: ready and blocked alike.</summary>
    private async Task<List<AccessRow>> OpenRowsAsync(OpsDbContext db, AccessFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var joined = await Joined(db, filter with { View = AccessView.Ready }, now).ToListAsync(cancellationToken);
        var partners = await db.PartnerNamesAsync(cancellationToken);
        return [.. joined.Select(x => Row(x.Request, x.Customer, partners, now))];
    }

    /// <summary>Requests and their customers with every filter the database can apply, oldest request first.</summary>
    private IQueryable<Pair> Joined(OpsDbContext db, AccessFilter filter, DateTimeOffset now)
    {
        var requests = db.AccessRequests.AsNoTracking();
        requests = filter.View switch
        {
            AccessView.Ready or AccessView.Blocked => requests.Where(r => r.Status == AccessRequestStatus.Requested && r.StagedAt == null),
            AccessView.SecondReview => requests.Where(r => r.StagedAt != null),
            AccessView.Granted => requests.Where(r => r.Status == AccessRequestStatus.Granted),
            AccessView.Rejected => requests.Where(r => r.Status == AccessRequestStatus.Rejected),
            AccessView.Revoked => requests.Where(r => r.Status == AccessRequestStatus.Revoked),
            _ => requests,
        };
        if (filter.Product is { } product)
        {
            requests = requests.Where(r => r.Product == product);
        }
        if (!string.IsNullOrWhiteSpace(filter.Variant))
        {
            requests = requests.Where(r => r.CardType == filter.Variant || r.Currency == filter.Variant);
        }
        if (filter.Sla is { } state)
        {
            var (due, soon) = (now - sla.AccessRequest, now - sla.AccessRequest * (1 - SlaTargets.DueSoonShare));
            requests = requests.Where(r => r.Status == AccessRequestStatus.Requested);
            requests = state switch
            {
                SlaState.Overdue => requests.Where(r => r.RequestedAt < due),
                SlaState.DueSoon => requests.Where(r => r.RequestedAt >= due && r.RequestedAt < soon),
                _ => requests.Where(r => r.RequestedAt >= soon),
            };
        }
        if (filter.Age is { } age && WaitingAges.Window(age, now) is var (after, until))
        {
            requests = after is { } start ? requests.Where(r => r.RequestedAt > start && r.RequestedAt <= until) : requests.Where(r => r.RequestedAt <= until);
        }
        var customers = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.PartnerId))
        {
            customers = customers.Where(c => c.PartnerId == filter.PartnerId);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var search = filter.Search.Trim();
            customers = Guid.TryParse(search, out var id)
                ? customers.Where(c => c.Id == id)
                : customers.Where(c => string.Compare(c.Name, search) >= 0 && string.Compare(c.Name, search + "\uffff") < 0);
        }
        return requests.Join(customers, r => r.CustomerId, c => c.Id, (r, c) => new Pair { Request = r, Customer = c })
            .OrderBy(x => x.Request.RequestedAt).ThenBy(x => x.Request.Id);
    }

    private AccessRow Row(AccessRequest request, Customer customer, IReadOnlyDictionary<string, string> partners, DateTimeOffset now)
    {
        var blocked = request.Status != AccessRequestStatus.Requested ? null : request.WhatBlocksGrant(customer, policy, now) switch
        {
            { CustomerStatus: { } status } => $"Customer {Wire.Words(status)}",
            { Failing: { } failing } => $"{failing.Name}: {failing.State.ToString().ToLowerInvariant()}",
            _ => null,
        };
        var open = request.Status == AccessRequestStatus.Requested;
        var readiness = request.Staged is { } staged ? $"Awaiting second review: {staged.Describe()} staged by {staged.StagedBy}"
            : open ? blocked ?? "Ready" : "—";
        return new AccessRow(request.Id, request.Version, customer.Id, Features.Customers.CustomerQueue.Display(customer), customer.Status,
            request.Product, request.Choice.Describe().Capitalised(), request.Status, request.RequestedAt,
            open ? SlaTargets.StateOf(request.RequestedAt, sla.AccessRequest, now) : SlaState.None,
            partners.GetValueOrDefault(customer.PartnerId, customer.PartnerId),
            readiness, open && blocked is null && request.Staged is null);
    }
}
