using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Customers;

/// <summary>
/// Periodic review: an active customer is reviewed again every few years by its risk level, sooner when an accepted
/// identity document expires first. A review ends with no change (the next date is set), a request for information
/// (a renewed document...), or a rejection.
/// </summary>
public sealed partial class Customer
{
    /// <summary>When the customer was last approved or reviewed.</summary>
    public DateTimeOffset? LastReviewedAt { get; private set; }
    /// <summary>When the next periodic review is due; an indexed column, so "Due for review" is a range scan.</summary>
    public DateOnly? NextReviewOn { get; private set; }

    public bool IsReviewDue(DateTimeOffset at) => Status == CustomerStatus.Active && NextReviewOn is { } due && due <= Today(at);

    /// <summary>A reviewer found nothing to change: the customer stays active and the next review is scheduled.</summary>
    public void CompleteReview(Actor actor, DateTimeOffset at, string note)
    {
        Guard(CustomerAction.CompleteReview, actor, RequirementPolicy.Default, at);
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainRuleException("Complete review needs a note saying what was looked at.");
        }
        Limit("Complete review", "note", note, MaxNoteLength);
        var due = NextReviewOn;
        LastReviewedAt = at;
        ScheduleReview();
        Record(actor, at, "periodic_review_completed", Status, note: note.Trim(),
            details: new { wasDue = due?.ToString("yyyy-MM-dd"), nextReview = NextReviewOn?.ToString("yyyy-MM-dd") });
    }

    /// <summary>From the last review (or approval), by the risk level's interval, brought forward by an expiring identity document.</summary>
    private void ScheduleReview()
    {
        if (LastReviewedAt is not { } reviewed)
        {
            NextReviewOn = null;
            return;
        }
        var byRisk = Today(reviewed).AddYears(ReviewEveryYears);
        var expiry = documents.Where(d => d.IsIdentity && d.State == DocumentReviewState.Accepted && d.ExpiresOn is not null)
            .Select(d => d.ExpiresOn!.Value).DefaultIfEmpty(DateOnly.MaxValue).Max();
        NextReviewOn = expiry < byRisk ? expiry : byRisk;
    }

    /// <summary>Becoming active (an approval, an update approved or declined, a hold released) counts as a review.</summary>
    private void Reviewed(CustomerStatus? before, DateTimeOffset at)
    {
        if (Status == CustomerStatus.Active && before is { } was && was != CustomerStatus.Active)
        {
            LastReviewedAt = at;
            ScheduleReview();
        }
    }
}
