using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Customers;

/// <summary>
/// Everything the customer page shows, computed by the domain for the person looking: blockers (their own moves
/// first), requirements, and what may happen now with the reason for each action that may not.
/// The aggregate is loaded untracked and only read.
/// </summary>
public sealed record CustomerView(
    Customer Customer,
    string Partner,
    SlaState Sla,
    TimeSpan? SlaTarget,
    IReadOnlyList<Blocker> Blockers,
    IReadOnlyList<RequirementResult> Requirements,
    IReadOnlyList<AccessRequest> Requests,
    IReadOnlyList<ActionOption> Actions,
    DateTimeOffset Now,
    // The other customers the checks found (duplicates), to compare side by side.
    IReadOnlyList<Customer>? Related = null,
    // What the person looking may not see of this customer (and those compared with it), and what they may reveal.
    PersonalDataMask? Mask = null,
    IReadOnlySet<PersonalField>? Revealable = null)
{
    public string Name => CustomerQueue.Display(Customer);

    /// <summary>Whether the domain lets the person looking take this action now: every button on the page asks here.</summary>
    public bool Allows(CustomerAction action) => Actions.Any(a => a.Action == action && a.Allowed);

    /// <summary>The rule that would stage this decision for a second reviewer (for Reject: a final one), or null.</summary>
    public Domain.FourEyes.SecondReviewRule? SecondReviewOf(CustomerAction action) => Actions.FirstOrDefault(a => a.Action == action)?.SecondReview;
}

/// <summary>A slice of a customer's audit trail, newest first, and where the next (older) slice starts.</summary>
public sealed record HistoryPage(IReadOnlyList<AuditEntry> Entries, HistoryCursor? Older);

public sealed record HistoryCursor(DateTimeOffset At, long Id);

public sealed class CustomerRecord(
    CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, SlaTargets sla, RequirementPolicy policy,
    Reveals reveals)
{
    public const int HistoryPageSize = 50;

    public async Task<CustomerView?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var user = await current.RequireAsync(Policies.Staff);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return null;
        }
        var requests = await db.AccessRequests.AsNoTracking().Where(r => r.CustomerId == id)
            .OrderByDescending(r => r.RequestedAt).ToListAsync(cancellationToken);
        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == customer.PartnerId).Select(p => p.Name)
            .SingleOrDefaultAsync(cancellationToken) ?? customer.PartnerId;
        var actor = user.ToActor();
        var asking = actor.Reviews ? WhoMustAct.Reviewer : actor.DecidesAccess ? WhoMustAct.ProductApprover : (WhoMustAct?)null;

        var relatedIds = customer.Checks.SelectMany(c => c.Related).Distinct().ToList();
        var related = relatedIds.Count == 0 ? []
            : await db.Customers.AsNoTracking().Where(c => relatedIds.Contains(c.Id)).ToListAsync(cancellationToken);

        // Masked on the server, before anything is rendered: texts the domain wrote carry the customer's values too.
        var hidden = PersonalDataMask.HiddenFrom(user).Except(reveals.Of(id)).ToHashSet();
        var mask = PersonalDataMask.For(hidden, [customer, .. related]);
        return new CustomerView(customer, partner, sla.StateOf(customer, now), sla.For(customer.Status),
            [.. BlockerEngine.For(customer, requests, policy, sla, now, asking)
                .Select(b => b with { Summary = mask.Scrub(b.Summary), Sentence = mask.Scrub(b.Sentence), NextStep = mask.Scrub(b.NextStep) })],
            [.. RequirementEngine.EvaluateLevel(customer, policy, DateOnly.FromDateTime(now.UtcDateTime))
                .Select(r => r with { Evidence = mask.Scrub(r.Evidence), Reason = mask.Scrub(r.Reason) })],
            requests, [.. customer.AllowedActions(actor, policy, now, await db.SecondReviewRulesAsync(cancellationToken))
                .Select(a => a with { WhyNot = mask.Scrub(a.WhyNot) })], now, related,
            mask, Reveals.Revealable(hidden));
    }

    /// <summary>Keyset paging on (At, Id) over the (CustomerId, At) index: the 5,000th entry costs what the 50th does.</summary>
    public async Task<HistoryPage> HistoryAsync(Guid customerId, HistoryCursor? before, CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.Staff);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking().Where(e => e.CustomerId == customerId);
        if (before is { } cursor)
        {
            query = query.Where(e => e.At < cursor.At || (e.At == cursor.At && e.Id < cursor.Id));
        }
        var entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(HistoryPageSize + 1).ToListAsync(cancellationToken);
        var more = entries.Count > HistoryPageSize;
        var page = entries.Take(HistoryPageSize).ToList();
        return new HistoryPage(page, more ? new HistoryCursor(page[^1].At, page[^1].Id) : null);
    }
}
