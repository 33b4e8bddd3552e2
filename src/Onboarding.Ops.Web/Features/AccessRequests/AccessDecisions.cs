using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.FourEyes;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.AccessRequests;

/// <summary>What the decision screen shows: the request, its customer, the product's requirements, and the customer's other requests.</summary>
/// <param name="GrantSecondReview">The rule that would stage a grant (revocation) for a second approver, or null.</param>
/// <param name="WhyNotConfirm">Why the person looking may not confirm the staged decision; null when they may (or none waits).</param>
public sealed record AccessDecisionView(
    AccessRequest Request, Domain.Customers.Customer Customer, string Partner, IReadOnlyList<RequirementResult> Requirements,
    string? WhyNotGrant, IReadOnlyList<AccessRequest> OtherRequests, DateTimeOffset Now,
    SecondReviewRule? GrantSecondReview = null, SecondReviewRule? RevokeSecondReview = null, string? WhyNotConfirm = null, string? Me = null);

/// <param name="Staged">Grants a second-review rule holds (virtual accounts, by default): waiting for a second approver.</param>
public sealed record BulkGrantResult(IReadOnlyList<Guid> Granted, IReadOnlyList<(Guid Id, string Reason)> Skipped, IReadOnlyList<Guid> Staged);

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
        var actor = user.ToActor();
        var rules = await db.SecondReviewRulesAsync();
        // The requirements' evidence quotes the customer's data: masked as the customer page masks it for this person.
        var mask = PersonalDataMask.For(PersonalDataMask.HiddenFrom(user), [customer]);
        return new AccessDecisionView(request, customer, partner,
            [.. request.Preconditions(customer, policy, now).Select(r => r with { Evidence = mask.Scrub(r.Evidence), Reason = mask.Scrub(r.Reason) })],
            request.Status == AccessRequestStatus.Requested ? mask.Scrub(request.WhyNotGrant(actor, customer, policy, now)) : null, others, now,
            request.SecondReviewFor(StagedAction.Grant, rules), request.SecondReviewFor(StagedAction.Revoke, rules),
            request.Staged is null ? null : request.WhyNotConfirm(actor, customer, policy, now), actor.Id);
    }

    public Task<DecisionResult> GrantAsync(Guid id, int version, string? note = null) =>
        DecideAsync(id, version, "Access granted.", (request, customer, actor, at, rules) => request.Grant(actor, at, customer, policy, note, rules));

    public Task<DecisionResult> RejectAsync(Guid id, int version, IReadOnlyList<string> reasons, string? customerMessage, string? note) =>
        DecideAsync(id, version, "Request rejected.", (request, _, actor, at, _) =>
        {
            request.Reject(actor, at, reasons, customerMessage, note);
            return DecisionEffect.Applied;
        });

    public Task<DecisionResult> RevokeAsync(Guid id, int version, IReadOnlyList<string> reasons, string customerMessage, string? note) =>
        DecideAsync(id, version, "Access revoked.", (request, _, actor, at, rules) => request.Revoke(actor, at, reasons, customerMessage, note, rules));

    /// <summary>
    /// A second approver confirms the staged grant or revocation. When the customer's evidence changed since it was
    /// staged, the staged decision is dropped instead (its maker told) and nothing is granted.
    /// </summary>
    public async Task<DecisionResult> ConfirmStagedAsync(Guid id, int version)
    {
        var dropped = false;
        var result = await DecideAsync(id, version, "Confirmed: the decision took effect, recorded as the two of you.", (request, customer, actor, at, _) =>
        {
            dropped = request.DropIfEvidenceChanged(at, customer, policy);
            if (!dropped)
            {
                request.ConfirmDecision(actor, at, customer, policy);
            }
            return DecisionEffect.Applied;
        });
        return result.Succeeded && dropped
            ? new DecisionResult(DecisionOutcome.Refused,
                "Not confirmed: the customer's evidence changed since the decision was staged. It was dropped and its maker told; decide again on what the page shows now.")
            : result;
    }

    public Task<DecisionResult> SendBackStagedAsync(Guid id, int version, string note) =>
        DecideAsync(id, version, "Sent back: nothing was applied, and the approver who staged it is told.", (request, customer, actor, at, _) =>
        {
            request.SendBackDecision(actor, at, customer, note);
            return DecisionEffect.Applied;
        });

    /// <summary>
    /// Grants each request on its own, each audited; one that stopped being ready (or changed) is skipped and reported,
    /// one a second-review rule holds is staged and reported as such.
    /// </summary>
    public async Task<BulkGrantResult> BulkGrantAsync(IReadOnlyList<(Guid Id, int Version)> requests)
    {
        await current.RequireAsync(Policies.AccessRequests);
        var (granted, staged) = (new List<Guid>(), new List<Guid>());
        var skipped = new List<(Guid, string)>();
        foreach (var (id, version) in requests)
        {
            var result = await GrantAsync(id, version);
            if (!result.Succeeded)
            {
                skipped.Add((id, result.Message));
            }
            else
            {
                (result.Staged ? staged : granted).Add(id);
            }
        }
        return new BulkGrantResult(granted, skipped, staged);
    }

    private async Task<DecisionResult> DecideAsync(
        Guid id, int version, string success,
        Func<AccessRequest, Domain.Customers.Customer, Actor, DateTimeOffset, SecondReviewRules, DecisionEffect> decide)
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
        var rules = await db.SecondReviewRulesAsync();
        var now = clock.GetUtcNow();
        var effect = DecisionEffect.Applied;
        var result = await Decision.ApplyAsync(db, () => effect = decide(request, customer, actor, now, rules), success);
        if (result.Succeeded)
        {
            activity.Changed(customer.Id, actor.Id, actor.Name, now);
        }
        return Decision.Said(result, effect);
    }
}
