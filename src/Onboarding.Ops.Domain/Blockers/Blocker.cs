namespace Onboarding.Ops.Domain.Blockers;

public enum WhoMustAct
{
    EndUser,
    Partner,
    Reviewer,
    ProductApprover,
    Nobody,
}

/// <summary>
/// Why a customer (or one of its product requests) is blocked: a stable code, a sentence that can be read out to the
/// partner, who must act, since when, by when where an SLA applies, and the next step in plain words.
/// </summary>
public sealed record Blocker(string Code, string Sentence, WhoMustAct Who, DateTimeOffset Since, DateTimeOffset? DueBy, string NextStep)
{
    public bool IsOverdue(DateTimeOffset now) => DueBy < now;
}

/// <summary>How long staff may take; time waiting on the customer's side does not count.</summary>
public sealed record SlaTargets(TimeSpan PendingReview, TimeSpan UpdateReview, TimeSpan AccessRequest)
{
    public static readonly SlaTargets Default = new(TimeSpan.FromHours(24), TimeSpan.FromHours(24), TimeSpan.FromHours(48));
}
