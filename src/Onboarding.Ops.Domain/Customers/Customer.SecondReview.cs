using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.FourEyes;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Customers;

/// <summary>Whether a decision was applied, or staged for a second reviewer.</summary>
public enum DecisionEffect
{
    Applied,
    Staged,
}

/// <summary>
/// Four eyes: an approval or rejection that a rule holds for a second reviewer is staged by the verb itself (not
/// applied); another reviewer confirms it (applied as the two of them) or sends it back; a change of the evidence
/// drops it. While it waits, nobody takes another decision on the customer.
/// </summary>
public sealed partial class Customer
{
    // The two reviewers, said by the next entry: the one that applies a confirmed decision.
    private object? confirmation;

    /// <summary>The rule that holds this decision for a second reviewer now, or null when one reviewer may take it.</summary>
    public SecondReviewRule? SecondReviewFor(StagedAction action, bool final, SecondReviewRules rules) => action switch
    {
        StagedAction.Reject when final && rules.Requires(SecondReviewRule.FinalRejection) => SecondReviewRule.FinalRejection,
        StagedAction.Approve or StagedAction.ApproveUpdate when rules.Requires(SecondReviewRule.ApprovalWithClearedCheck)
            && Checks.Any(c => c.Outcome == CheckOutcome.Fail && c.ResolvedAt is not null && c.Verdict != CheckVerdict.Confirmed)
            => SecondReviewRule.ApprovalWithClearedCheck,
        StagedAction.Approve or StagedAction.ApproveUpdate when rules.Requires(SecondReviewRule.HighRiskApproval) && RiskLevel == Risk.RiskLevel.High
            => SecondReviewRule.HighRiskApproval,
        _ => null,
    };

    /// <summary>
    /// A fingerprint of what decisions on the customer rest on: level, status, data, documents and their reviews, the
    /// questionnaire, the checks and their resolutions. A staged product decision stands on exactly this.
    /// </summary>
    public string EvidenceFingerprint() => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
        {
            Level, Status, Person, Company, Proposed, SourceOfFunds,
            documents = documents.Select(d => new { d.Id, d.State, d.ExpiresOn }),
            checks = Checks.Select(c => new { c.Code, c.Outcome, c.Basis, c.ResolvedAt, c.Verdict }),
            hits = ScreeningHits.Select(h => new { h.Id, h.Basis, h.Verdict }),
            risk = RiskLevel,
        })));

    /// <summary>Stages the decision instead of applying it when a rule says so; false when it is to be applied now.</summary>
    private bool StagedInstead(Actor actor, DateTimeOffset at, SecondReviewRules? rules, StagedDecision decision)
    {
        if (rules is null || SecondReviewFor(decision.Action, decision.Final, rules) is not { } rule)
        {
            return false;
        }
        Staged = decision with { Rule = rule, StagedById = actor.Id, StagedBy = actor.Name, StagedAt = at };
        Record(actor, at, "decision_staged", Status, decision.ReasonCodes, decision.Note, Staged.ForTrail());
        return true;
    }

    /// <summary>Whether an action is refused because a staged decision waits, and why.</summary>
    private string? StagedProblem(CustomerAction action, Actor actor) => (action, Staged) switch
    {
        (CustomerAction.ConfirmDecision or CustomerAction.SendBackDecision or CustomerAction.DropDecision, null) =>
            "no decision awaits a second review",
        (CustomerAction.ConfirmDecision, { } staged) when staged.StagedById == actor.Id =>
            $"you staged this {staged.Describe()}; another reviewer must confirm it",
        (CustomerAction.Approve or CustomerAction.ApproveUpdate or CustomerAction.Reject or CustomerAction.DeclineUpdate
            or CustomerAction.RequestInformation or CustomerAction.Hold or CustomerAction.Release, { } staged) =>
            $"{staged.StagedBy}'s {staged.Describe()} awaits a second review; confirm it or send it back first",
        _ => null,
    };

    /// <summary>A second reviewer applies the staged decision; one entry names both reviewers.</summary>
    public void ConfirmDecision(Actor actor, DateTimeOffset at, RequirementPolicy policy)
    {
        Guard(CustomerAction.ConfirmDecision, actor, policy, at);
        var staged = Staged!;
        var action = staged.Action switch
        {
            StagedAction.Approve => CustomerAction.Approve,
            StagedAction.ApproveUpdate => CustomerAction.ApproveUpdate,
            StagedAction.Reject => CustomerAction.Reject,
            _ => throw new DomainRuleException($"A customer has no staged {staged.Describe()}."),
        };
        // The decision must still be possible (a document may have expired since), except for the wait it is in.
        if (WhyNotRegardlessOfStaged(action, actor, policy, at) is { } why)
        {
            throw new DomainRuleException($"Confirm refused: {char.ToLowerInvariant(why[0])}{why[1..]}");
        }
        Staged = null;
        confirmation = staged.Confirmation(actor, at);
        switch (action)
        {
            case CustomerAction.Approve:
                ApplyApproval(actor, at, policy, staged.Note);
                break;
            case CustomerAction.ApproveUpdate:
                ApplyUpdateApproval(actor, at, policy, staged.Note);
                break;
            default:
                ApplyRejection(actor, at, staged.ReasonCodes, staged.Final, staged.CustomerMessage ?? "", staged.Note);
                break;
        }
    }

    /// <summary>A second reviewer (or its maker, withdrawing it) sends the staged decision back with a note; nothing is applied.</summary>
    public void SendBackDecision(Actor actor, DateTimeOffset at, string note)
    {
        Guard(CustomerAction.SendBackDecision, actor, RequirementPolicy.Default, at);
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainRuleException("Send back needs a note for the reviewer who staged the decision.");
        }
        Limit("Send back", "note", note, MaxNoteLength);
        EndStaged(actor, at, "staged_decision_sent_back", note.Trim());
    }

    /// <summary>
    /// The system drops a staged decision whose evidence changed: it no longer stands on what its maker saw. The verbs
    /// that change evidence (documents, checks, data, the questionnaire, a withdrawal) call it as they record the change.
    /// </summary>
    public void DropDecision(Actor actor, DateTimeOffset at, string change)
    {
        Guard(CustomerAction.DropDecision, actor, RequirementPolicy.Default, at);
        EndStaged(actor, at, "staged_decision_dropped", $"The evidence changed before a second reviewer confirmed it: {change}.");
    }

    private void DropStaged(DateTimeOffset at, string change)
    {
        if (Staged is not null)
        {
            DropDecision(Actor.System, at, change);
        }
    }

    private void EndStaged(Actor actor, DateTimeOffset at, string action, string note)
    {
        var staged = Staged!;
        Staged = null;
        Record(actor, at, action, Status, note: note, details: staged.Ending());
        if (actor.Id != staged.StagedById)
        {
            Raise(new StagedDecisionEnded(SubjectType, Id, Id, Name, staged, action == "staged_decision_dropped" ? "dropped" : "sent back", note, actor.Name, at));
        }
    }
}
