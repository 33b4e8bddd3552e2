using Onboarding.Ops.Domain.Customers;

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
/// <see cref="Summary"/> is the same in a few words, for a list column.
/// </summary>
public sealed record Blocker(
    string Code, string Summary, string Sentence, WhoMustAct Who, DateTimeOffset Since, DateTimeOffset? DueBy, string NextStep)
{
    public bool IsOverdue(DateTimeOffset now) => DueBy < now;
}

public enum SlaState
{
    /// <summary>Nothing runs against staff: the customer's side has the move, or the case is closed.</summary>
    None,
    OnTime,
    DueSoon,
    Overdue,
}

/// <summary>How long staff may take; time waiting on the customer's side does not count.</summary>
public sealed record SlaTargets(TimeSpan PendingReview, TimeSpan UpdateReview, TimeSpan AccessRequest)
{
    public static readonly SlaTargets Default = new(TimeSpan.FromHours(24), TimeSpan.FromHours(24), TimeSpan.FromHours(48));

    /// <summary>The last quarter of a target counts as "due soon".</summary>
    public const double DueSoonShare = 0.25;

    /// <summary>The reviewers' target for a status; null where no staff target runs.</summary>
    public TimeSpan? For(CustomerStatus status) => status switch
    {
        CustomerStatus.Pending => PendingReview,
        CustomerStatus.UpdateRequested => UpdateReview,
        CustomerStatus.NeedsInformation or CustomerStatus.Active or CustomerStatus.Rejected or CustomerStatus.OnHold => null,
    };

    public SlaState StateOf(Customer customer, DateTimeOffset now) =>
        customer.Queue == WorkQueue.NeedsReview && For(customer.Status) is { } target
            ? StateOf(customer.WaitingSince, target, now)
            : SlaState.None;

    public static SlaState StateOf(DateTimeOffset since, TimeSpan target, DateTimeOffset now)
    {
        var due = since + target;
        return now > due ? SlaState.Overdue
            : now > due - target * DueSoonShare ? SlaState.DueSoon
            : SlaState.OnTime;
    }
}
