using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.AccessRequests;

/// <summary>What the decision screen shows: the request, its customer, the product's requirements, and the customer's other requests.</summary>
public sealed record AccessDecisionView(
    AccessRequest Request, Domain.Customers.Customer Customer, string Partner, IReadOnlyList<RequirementResult> Requirements,
    string? WhyNotGrant, IReadOnlyList<AccessRequest> OtherRequests, DateTimeOffset Now);

public sealed record BulkGrantResult(IReadOnlyList<Guid> Granted, IReadOnlyList<(Guid Id, string Reason)> Skipped);

/// <summary>
/// Product approvers' decisions. Each checks the policy, refuses a stale screen, and lets the domain decide whether the
/// customer may have the product now; every grant, rejection and revocation is audited.
/// </summary>
public sealed class AccessDecisions(
    CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, RequirementPolicy policy, CustomerActivity activity)
{
    public async Task<AccessDecisionView?> GetAsync(Guid id)
    {
        var user = await current.RequireAsync(Policies.AccessRequests);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync();
        var request = await db.AccessRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id);
        if (request is null)
        {
            return null;
        }
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == request.CustomerId);
        var others = await db.AccessRequests.AsNoTracking().Where(r => r.CustomerId == customer.Id && r.Id != id)
            .OrderByDescending(r => r.RequestedAt).ToListAsync();
        var partner = await db.Partners.Where(p => p.Id == customer.PartnerId).Select(p => p.Name).SingleOrDefaultAsync() ?? customer.PartnerId;
        return new AccessDecisionView(request, customer, partner, request.Preconditions(customer, policy, now),
            request.Status == AccessRequestStatus.Requested ? request.WhyNotGrant(user.ToActor(), customer, policy, now) : null, others, now);
    }

    public Task<DecisionResult> GrantAsync(Guid id, int version, string? note = null) =>
        DecideAsync(id, version, "Access granted.", (request, customer, actor, at) => request.Grant(actor, at, customer, policy, note));

    public Task<DecisionResult> RejectAsync(Guid id, int version, IReadOnlyList<string> reasons, string? customerMessage, string? note) =>
        DecideAsync(id, version, "Request rejected.", (request, _, actor, at) => request.Reject(actor, at, reasons, customerMessage, note));

    public Task<DecisionResult> RevokeAsync(Guid id, int version, IReadOnlyList<string> reasons, string customerMessage, string? note) =>
        DecideAsync(id, version, "Access revoked.", (request, _, actor, at) => request.Revoke(actor, at, reasons, customerMessage, note));

    /// <summary>Grants each request on its own, each audited; one that stopped being ready (or changed) is skipped and reported.</summary>
    public async Task<BulkGrantResult> BulkGrantAsync(IReadOnlyList<(Guid Id, int Version)> requests)
    {
        await current.RequireAsync(Policies.AccessRequests);
        var granted = new List<Guid>();
        var skipped = new List<(Guid, string)>();
        foreach (var (id, version) in requests)
        {
            var result = await GrantAsync(id, version);
            if (result.Succeeded)
            {
                granted.Add(id);
            }
            else
            {
                skipped.Add((id, result.Message));
            }
        }
        return new BulkGrantResult(granted, skipped);
    }

    private async Task<DecisionResult> DecideAsync(
        Guid id, int version, string success, Action<AccessRequest, Domain.Customers.Customer, Actor, DateTimeOffset> decide)
    {
        var actor = (await current.RequireAsync(Policies.AccessRequests)).ToActor();
        await using var db = await contexts.CreateDbContextAsync();
        var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == id);
        if (request is null)
        {
            return new DecisionResult(DecisionOutcome.NotFound, "This request no longer exists.");
        }
        if (Decision.Stale(request, version, "access request") is { } stale)
        {
            return stale;
        }
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == request.CustomerId);
        var now = clock.GetUtcNow();
        var result = await Decision.ApplyAsync(db, () => decide(request, customer, actor, now), success);
        if (result.Succeeded)
        {
            activity.Changed(customer.Id, actor.Id, actor.Name, now);
        }
        return result;
    }
}
