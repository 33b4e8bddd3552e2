using Onboarding.Ops.Domain.Screening;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.FourEyes;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Customers;

public sealed record RejectInput(IReadOnlyList<string> ReasonCodes, bool Final, string CustomerMessage, string? InternalNote);

/// <summary>
/// Reviewers' decisions on a customer. Each checks its policy on the server, refuses a stale page (the version it was
/// shown), claims an unassigned customer for the reviewer (and asks before taking over someone else's), calls the
/// domain verb, and saves the change with its audit entries, or tells who got there first.
/// </summary>
public sealed class CustomerDecisions(
    CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, RequirementPolicy policy, CustomerActivity activity)
{
    public Task<DecisionResult> ApproveAsync(Guid id, int version, bool takeOver = false, string? note = null) =>
        DecideAsync(id, version, takeOver, "Approved: the customer is active.", (c, actor, at, rules) => c.Approve(actor, at, policy, note, rules));

    public Task<DecisionResult> ApproveUpdateAsync(Guid id, int version, bool takeOver = false, string? note = null) =>
        DecideAsync(id, version, takeOver, "Update approved: the customer is active again.",
            (c, actor, at, rules) => c.ApproveUpdate(actor, at, policy, note, rules));

    public Task<DecisionResult> RejectAsync(Guid id, int version, RejectInput input, bool takeOver = false) =>
        DecideAsync(id, version, takeOver, input.Final ? "Rejected for good." : "Rejected; the customer may correct and resubmit.",
            (c, actor, at, rules) => c.Reject(actor, at, input.ReasonCodes, input.Final, input.CustomerMessage, input.InternalNote, rules));

    /// <summary>A second reviewer confirms the staged decision: it takes effect as the two of them.</summary>
    public Task<DecisionResult> ConfirmStagedAsync(Guid id, int version) =>
        ChangeInPlaceAsync(id, version, "Confirmed: the decision took effect, recorded as the two of you.",
            (c, actor, at) => c.ConfirmDecision(actor, at, policy));

    /// <summary>A second reviewer sends the staged decision back to its maker with a note.</summary>
    public Task<DecisionResult> SendBackStagedAsync(Guid id, int version, string note) =>
        ChangeInPlaceAsync(id, version, "Sent back: nothing was applied, and the reviewer who staged it is told.",
            (c, actor, at) => c.SendBackDecision(actor, at, note));

    public Task<DecisionResult> RequestInformationAsync(
        Guid id, int version, IReadOnlyList<ChecklistRequest> items, string customerMessage, bool takeOver = false) =>
        DecideAsync(id, version, takeOver, "Information requested: the customer now waits on the partner or end user.",
            (c, actor, at) => c.RequestInformation(actor, at, items, customerMessage));

    public Task<DecisionResult> HoldAsync(Guid id, int version, string reason, DateTimeOffset? wakeUpAt, bool takeOver = false) =>
        DecideAsync(id, version, takeOver, "Put on hold.", (c, actor, at) => c.PutOnHold(actor, at, reason, wakeUpAt));

    public Task<DecisionResult> ReleaseAsync(Guid id, int version, string note, bool takeOver = false) =>
        DecideAsync(id, version, takeOver, "Released from hold.", (c, actor, at) => c.Release(actor, at, note));

    public Task<DecisionResult> CompleteReviewAsync(Guid id, int version, string note, bool takeOver = false) =>
        DecideAsync(id, version, takeOver, "Periodic review completed: no change; the next one is scheduled.", (c, actor, at) => c.CompleteReview(actor, at, note));

    public Task<DecisionResult> AcceptDocumentAsync(Guid id, int version, Guid documentId, bool takeOver = false) =>
        DecideAsync(id, version, takeOver, "Document accepted.", (c, actor, at) => c.AcceptDocument(actor, at, documentId));

    public Task<DecisionResult> RejectDocumentAsync(Guid id, int version, Guid documentId, string reasonCode, bool takeOver = false) =>
        DecideAsync(id, version, takeOver, "Document rejected.", (c, actor, at) => c.RejectDocument(actor, at, documentId, reasonCode));

    public Task<DecisionResult> ResolveCheckAsync(Guid id, int version, string code, CheckVerdict verdict, string? note, bool takeOver = false) =>
        DecideAsync(id, version, takeOver, verdict == CheckVerdict.Cleared ? "Check cleared as a false positive." : "Check confirmed: reject the customer.",
            (c, actor, at) => c.ResolveCheck(actor, at, code, verdict, note));

    public Task<DecisionResult> DecideHitAsync(Guid id, int version, string hitId, HitVerdict verdict, string? note, bool takeOver = false) =>
        DecideAsync(id, version, takeOver, verdict == HitVerdict.FalsePositive ? "Screening hit cleared as a false positive." : "Screening hit confirmed as a true match.",
            (c, actor, at) => c.DecideHit(actor, at, hitId, verdict, note));

    public Task<DecisionResult> DeclineUpdateAsync(Guid id, int version, RejectInput input, bool takeOver = false) =>
        DecideAsync(id, version, takeOver, "Update declined: the verified data stays and the customer is active again.",
            (c, actor, at) => c.DeclineUpdate(actor, at, input.ReasonCodes, input.CustomerMessage, input.InternalNote));

    /// <summary>"Assign to me": claims the customer, taking it over (after confirmation) when another reviewer has it.</summary>
    public Task<DecisionResult> ClaimAsync(Guid id, int version, bool takeOver = false) =>
        DecideAsync(id, version, takeOver, "Assigned to you.", (_, _, _) => { });

    /// <summary>An admin hands a customer to another member of staff.</summary>
    public async Task<DecisionResult> AssignAsync(Guid id, int version, string staffId)
    {
        await current.RequireAsync(Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync();
        var assignee = await db.Users.Where(u => u.Id == staffId).Select(u => u.DisplayName).SingleOrDefaultAsync();
        if (assignee is null)
        {
            return new DecisionResult(DecisionOutcome.Refused, "That staff account does not exist.");
        }
        return await ChangeAsync(db, id, version, Policies.Admin, $"Assigned to {assignee}.",
            (c, actor, at) => c.Assign(actor, at, staffId, assignee));
    }

    /// <summary>Internal notes never conflict with decisions: they only add to the trail.</summary>
    public async Task<DecisionResult> AddNoteAsync(Guid id, string note)
    {
        var user = await current.RequireAsync(Policies.Assist);
        await using var db = await contexts.CreateDbContextAsync();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id);
        if (customer is null)
        {
            return NotFound;
        }
        return await SaveAsync(db, customer, user.ToActor(), "Note added.", (c, actor, at) => c.AddNote(actor, at, note));
    }

    /// <summary>
    /// Claims and returns the oldest unassigned customer waiting for review; when another reviewer claims the same one
    /// at the same moment, moves on to the next. Null when nobody is waiting.
    /// </summary>
    public async Task<Guid?> NextCaseAsync()
    {
        var actor = (await current.RequireAsync(Policies.Review)).ToActor();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var now = clock.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync();
            var next = await CustomerQueue.InView(db.Customers, QueueView.NeedsReview, now)
                .Where(c => c.AssigneeId == null).OrderBy(c => c.WaitingSince).ThenBy(c => c.Id).FirstOrDefaultAsync();
            if (next is null)
            {
                return null;
            }
            next.Assign(actor, now, actor.Id, actor.Name);
            if (await db.SaveOrConflictAsync() is null)
            {
                activity.Changed(next.Id, actor.Id, actor.Name, now);
                return next.Id;
            }
        }
        return null;
    }

    private static readonly DecisionResult NotFound = new(DecisionOutcome.NotFound, "This customer no longer exists.");

    private Task<DecisionResult> DecideAsync(
        Guid id, int version, bool takeOver, string success, Action<Customer, Actor, DateTimeOffset> decide) =>
        DecideAsync(id, version, takeOver, success, (customer, actor, at, _) =>
        {
            decide(customer, actor, at);
            return DecisionEffect.Applied;
        });

    /// <summary>Claims the customer and decides; a decision the second-review rules hold is staged, and said so.</summary>
    private async Task<DecisionResult> DecideAsync(
        Guid id, int version, bool takeOver, string success, Func<Customer, Actor, DateTimeOffset, SecondReviewRules, DecisionEffect> decide)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var rules = await db.SecondReviewRulesAsync();
        var effect = DecisionEffect.Applied;
        var result = await ChangeAsync(db, id, version, Policies.Review, success, (customer, actor, at) =>
        {
            if (customer.AssigneeId != actor.Id)
            {
                customer.Assign(actor, at, actor.Id, actor.Name);
            }
            effect = decide(customer, actor, at, rules);
        }, claimFirst: true, takeOver);
        return Decision.Said(result, effect);
    }

    /// <summary>A change that does not claim the customer: the checker confirms or sends back the maker's case as it is.</summary>
    private async Task<DecisionResult> ChangeInPlaceAsync(Guid id, int version, string success, Action<Customer, Actor, DateTimeOffset> change)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await ChangeAsync(db, id, version, Policies.Review, success, change);
    }

    private async Task<DecisionResult> ChangeAsync(
        OpsDbContext db, Guid id, int version, string policy, string success, Action<Customer, Actor, DateTimeOffset> change,
        bool claimFirst = false, bool takeOver = false)
    {
        var user = await current.RequireAsync(policy);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id);
        if (customer is null)
        {
            return NotFound;
        }
        if (Decision.Stale(customer, version, "customer") is { } stale)
        {
            return stale;
        }
        var actor = user.ToActor();
        if (claimFirst && customer.AssigneeId is { } assignee && assignee != actor.Id && !takeOver)
        {
            return new DecisionResult(DecisionOutcome.ClaimedByOther,
                $"{customer.AssigneeName} is working on this customer. Take it over? Your takeover is recorded in the audit trail.");
        }
        return await SaveAsync(db, customer, actor, success, change);
    }

    private async Task<DecisionResult> SaveAsync(
        OpsDbContext db, Customer customer, Actor actor, string success, Action<Customer, Actor, DateTimeOffset> change)
    {
        var now = clock.GetUtcNow();
        // Of the staff's decisions, only a decided screening hit moves what the risk rests on.
        var hits = customer.ScreeningHits;
        var result = await Decision.ApplyAsync(db, () => change(customer, actor, now), success,
            () => ReferenceEquals(hits, customer.ScreeningHits) ? Task.CompletedTask : Risk.RiskAssessor.AssessAsync(db, customer, now));
        if (result.Succeeded)
        {
            activity.Changed(customer.Id, actor.Id, actor.Name, now);
        }
        return result;
    }
}
