using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Features.Customers;

public enum DecisionOutcome
{
    Done,
    /// <summary>The domain refused: the message says why; nothing changed.</summary>
    Refused,
    /// <summary>Someone else changed the customer first; nothing of this decision was saved.</summary>
    Conflict,
    /// <summary>Another reviewer has claimed the customer: ask before taking it over.</summary>
    ClaimedByOther,
    NotFound,
}

public sealed record DecisionResult(DecisionOutcome Outcome, string Message)
{
    public bool Succeeded => Outcome == DecisionOutcome.Done;

    /// <summary>Saved, but as a staged decision waiting for a second reviewer (four eyes), not applied.</summary>
    public bool Staged { get; init; }
}

/// <summary>The steps every decision shares, on customers and access requests alike.</summary>
public static class Decision
{
    /// <summary>What a decision held for a second reviewer tells its maker.</summary>
    public const string StagedMessage =
        "Staged for a second review: the decision takes effect once another reviewer confirms it. You will be told if it is sent back.";

    /// <summary>The result of a saved decision, said as staged when the second-review rules held it.</summary>
    public static DecisionResult Said(DecisionResult result, Domain.Customers.DecisionEffect effect) =>
        result.Succeeded && effect == Domain.Customers.DecisionEffect.Staged ? result with { Message = StagedMessage, Staged = true } : result;

    /// <summary>A conflict when the record changed since the screen showed it (its version), else null.</summary>
    public static DecisionResult? Stale(Audited subject, int version, string what) =>
        subject.Version == version
            ? null
            : new DecisionResult(DecisionOutcome.Conflict,
                $"{subject.LastChangedBy} changed this {what} at {subject.LastChangedAt:yyyy-MM-dd HH:mm} UTC, after you opened it. "
                + "Nothing was saved: reload to see their change, then decide again.");

    /// <summary>Applies the domain verb and saves it with its audit entries; a broken rule or a lost race changes nothing.</summary>
    /// <param name="beforeSave">What follows from the change, in the same save (e.g. the customer's risk assessed again).</param>
    public static async Task<DecisionResult> ApplyAsync(OpsDbContext db, Action change, string success, Func<Task>? beforeSave = null)
    {
        try
        {
            change();
        }
        catch (DomainRuleException refused)
        {
            return new DecisionResult(DecisionOutcome.Refused, refused.Message);
        }
        if (beforeSave is not null)
        {
            await beforeSave();
        }
        return await db.SaveOrConflictAsync() is { } conflict
            ? new DecisionResult(DecisionOutcome.Conflict, conflict.Message)
            : new DecisionResult(DecisionOutcome.Done, success);
    }
}
