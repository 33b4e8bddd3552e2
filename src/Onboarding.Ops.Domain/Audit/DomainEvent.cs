using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Domain.Audit;

/// <summary>
/// Something a verb did that others follow (partners, by webhook). Raised by the verb beside its audit entry, taken
/// when the change is saved, so the change and what follows from it land in one transaction.
/// </summary>
public abstract record DomainEvent(DateTimeOffset At);

/// <summary>A customer moved from one status to another. <see cref="Declined"/> is set when a reviewer declined an update.</summary>
public sealed record StatusChanged(Customer Customer, CustomerStatus Before, CustomerStatus After, DateTimeOffset At, DeclinedUpdate? Declined = null)
    : DomainEvent(At);

/// <summary>The end user's (or partner's) first submission left a hosted customer in the status it was in.</summary>
public sealed record DataSubmitted(Customer Customer, CustomerStatus Status, DateTimeOffset At) : DomainEvent(At);

/// <summary>A hosted customer's verification link was replaced; the old one no longer opens.</summary>
public sealed record LinkRegenerated(Customer Customer, DateTimeOffset ExpiresAt, ActorKind By, DateTimeOffset At) : DomainEvent(At);

/// <summary>An access request was granted, rejected (by a product approver or at once by the system) or revoked.</summary>
public sealed record AccessDecided(AccessRequest Request, DateTimeOffset At) : DomainEvent(At);

/// <summary>
/// A staged decision ended unapplied: sent back by another reviewer, or dropped because the evidence changed. Its maker
/// is told (a staff notice). <see cref="How"/> is "sent back" or "dropped"; <see cref="About"/> names the customer (and product).
/// </summary>
public sealed record StagedDecisionEnded(
    string SubjectType, Guid SubjectId, Guid CustomerId, string About, FourEyes.StagedDecision Decision, string How, string Note,
    string By, DateTimeOffset At) : DomainEvent(At);
