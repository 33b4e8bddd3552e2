using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.ReasonCodes;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.AccessRequests;

public enum AccessRequestStatus
{
    Requested,
    Granted,
    Rejected,
    Revoked,
}

/// <summary>
/// What stands between a customer and a grant, whoever decides: the customer is not active (its status), or a
/// requirement of the product fails (the first one).
/// </summary>
public sealed record GrantBlock(CustomerStatus? CustomerStatus, RequirementResult? Failing)
{
    /// <summary>Why, in plain words: what the grant refuses with, and what the public API's eligibility answers.</summary>
    public string Reason => CustomerStatus is { } status
        ? $"the customer is {Wire.Words(status)}, and access is granted only to active customers"
        : $"{Failing!.Name.ToLowerInvariant()} is not met: {Failing.Reason}";
}

/// <summary>Either the new request, or the open or granted request it duplicates (an expected outcome, not an error).</summary>
public sealed record AccessRequestOutcome(AccessRequest? Created, AccessRequest? Duplicate);

/// <summary>
/// A partner's request for a product for one customer: requested → granted | rejected, granted → revoked.
/// Grant requires the customer active now and the product's requirements met.
/// </summary>
public sealed class AccessRequest : Audited
{
    public const string SubjectType = "access_request";
    public const string CustomerNotActive = "customer_not_active";

    private AccessRequest()
    {
    }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    /// <summary>The customer's partner, who asked and is told of the decision.</summary>
    public string PartnerId { get; private set; } = "";
    public Product Product { get; private set; }
    public string? CardType { get; private set; }
    public string? Currency { get; private set; }
    public AccessRequestStatus Status { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public string RequestedBy { get; private set; } = "";
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public IReadOnlyList<string> ReasonCodes { get; private set; } = [];
    public string? CustomerMessage { get; private set; }
    public string? InternalNote { get; private set; }

    public ProductChoice Choice => new(Product, CardType, Currency);
    public bool IsOpenOrGranted => Status is AccessRequestStatus.Requested or AccessRequestStatus.Granted;

    /// <summary>
    /// Requests a product. A duplicate of an open or granted request is answered with that request; a customer who
    /// is not active has the request rejected at once by the system, so the partner asks again once verified.
    /// </summary>
    public static AccessRequestOutcome Request(
        Actor actor, DateTimeOffset at, Customer customer, ProductChoice choice, IEnumerable<AccessRequest> customersRequests)
    {
        if (!actor.IsCustomerSide && actor.Kind != ActorKind.System)
        {
            throw new DomainRuleException("Request access is unavailable: product access is requested by the partner.");
        }
        if (choice.Problem() is { } problem)
        {
            throw new DomainRuleException($"Request access refused: {problem}.");
        }
        var duplicate = customersRequests.FirstOrDefault(r => r.CustomerId == customer.Id && r.IsOpenOrGranted && r.Choice == choice);
        if (duplicate is not null)
        {
            return new AccessRequestOutcome(null, duplicate);
        }

        var request = new AccessRequest
        {
            Id = Guid.NewGuid(),
            CustomerId = customer.Id,
            PartnerId = customer.PartnerId,
            Product = choice.Product,
            CardType = choice.CardType,
            Currency = choice.Currency,
            Status = AccessRequestStatus.Requested,
            RequestedAt = at,
            RequestedBy = actor.Name,
        };
        request.Record(actor, at, "access_requested", null, details: new { product = Products.Wire(choice.Product), choice.CardType, choice.Currency });
        if (customer.Status != CustomerStatus.Active)
        {
            var reason = ReasonCatalogue.Find(CustomerNotActive)!;
            request.Decide(Actor.System, at, AccessRequestStatus.Rejected, [CustomerNotActive], reason.CustomerMessage,
                $"Customer was {Wire.Words(customer.Status)} when access was requested.", "access_rejected");
        }
        return new AccessRequestOutcome(request, null);
    }

    /// <summary>The product's requirements evaluated for this customer now.</summary>
    public IReadOnlyList<RequirementResult> Preconditions(Customer customer, RequirementPolicy policy, DateTimeOffset at) =>
        RequirementEngine.Evaluate(customer, policy.ForProduct(Product, customer.Type), policy, Customer.Today(at));

    /// <summary>
    /// Whether the customer may be granted this product now, whoever decides: null when it may. The one answer the
    /// grant, the approvers' queue (ready or blocked) and the customer's blockers all read.
    /// </summary>
    public GrantBlock? WhatBlocksGrant(Customer customer, RequirementPolicy policy, DateTimeOffset at) => WhatBlocks(Product, customer, policy, at);

    /// <summary>What would block granting this product to the customer now, before anything is requested (eligibility).</summary>
    public static GrantBlock? WhatBlocks(Product product, Customer customer, RequirementPolicy policy, DateTimeOffset at) =>
        customer.Status != CustomerStatus.Active ? new GrantBlock(customer.Status, null)
        : RequirementEngine.Evaluate(customer, policy.ForProduct(product, customer.Type), policy, Customer.Today(at))
            .FirstOrDefault(r => !r.IsSatisfied) is { } failing ? new GrantBlock(null, failing)
        : null;

    /// <summary>Null when this actor may grant this product now; otherwise the first reason it may not.</summary>
    public string? WhyNotGrant(Actor actor, Customer customer, RequirementPolicy policy, DateTimeOffset at) =>
        WhyNotDecide("Grant", actor) ?? (WhatBlocksGrant(customer, policy, at) is { } block ? $"Grant is unavailable: {block.Reason}." : null);

    public void Grant(Actor actor, DateTimeOffset at, Customer customer, RequirementPolicy policy, string? note = null)
    {
        if (customer.Id != CustomerId)
        {
            throw new DomainRuleException("Grant refused: that is not this request's customer.");
        }
        if (WhyNotGrant(actor, customer, policy, at) is { } why)
        {
            throw new DomainRuleException(why);
        }
        var evidence = Preconditions(customer, policy, at).Select(r => $"{r.Name}: {r.Evidence}").ToList();
        Decide(actor, at, AccessRequestStatus.Granted, [], null, note, "access_granted", new { evidence });
    }

    public void Reject(Actor actor, DateTimeOffset at, IReadOnlyList<string> reasonCodes, string? customerMessage, string? internalNote)
    {
        if (WhyNotDecide("Reject", actor) is { } why)
        {
            throw new DomainRuleException(why);
        }
        RequireKnownReasons("Reject", reasonCodes);
        var message = string.IsNullOrWhiteSpace(customerMessage) ? ReasonCatalogue.Find(reasonCodes[0])!.CustomerMessage : customerMessage.Trim();
        Decide(actor, at, AccessRequestStatus.Rejected, reasonCodes, message, internalNote, "access_rejected");
    }

    public void Revoke(Actor actor, DateTimeOffset at, IReadOnlyList<string> reasonCodes, string customerMessage, string? internalNote)
    {
        if (!actor.DecidesAccess)
        {
            throw new DomainRuleException("Revoke is unavailable: only a product approver can do this.");
        }
        if (Status != AccessRequestStatus.Granted)
        {
            throw new DomainRuleException($"Revoke is unavailable: the request is {Status.ToString().ToLowerInvariant()}, not granted.");
        }
        RequireKnownReasons("Revoke", reasonCodes);
        if (string.IsNullOrWhiteSpace(customerMessage))
        {
            throw new DomainRuleException("Revoke needs a message for the customer.");
        }
        Decide(actor, at, AccessRequestStatus.Revoked, reasonCodes, customerMessage.Trim(), internalNote, "access_revoked");
    }

    private string? WhyNotDecide(string action, Actor actor)
    {
        if (!actor.DecidesAccess)
        {
            return $"{action} is unavailable: only a product approver can do this.";
        }
        return Status == AccessRequestStatus.Requested
            ? null
            : $"{action} is unavailable: the request was already {Status.ToString().ToLowerInvariant()} on {DecidedAt:yyyy-MM-dd} by {DecidedBy}.";
    }

    private static void RequireKnownReasons(string action, IReadOnlyList<string> reasonCodes)
    {
        if (reasonCodes.Count == 0)
        {
            throw new DomainRuleException($"{action} needs at least one reason code.");
        }
        if (reasonCodes.FirstOrDefault(c => ReasonCatalogue.Find(c) is null) is { } unknown)
        {
            throw new DomainRuleException($"{action} refused: '{unknown}' is not a reason code of the catalogue.");
        }
    }

    private void Decide(
        Actor actor, DateTimeOffset at, AccessRequestStatus to, IReadOnlyList<string> reasons, string? customerMessage,
        string? note, string action, object? details = null)
    {
        var before = Status;
        Status = to;
        DecidedAt = at;
        DecidedBy = actor.Name;
        ReasonCodes = [.. reasons];
        CustomerMessage = customerMessage;
        InternalNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Record(actor, at, action, before, reasons, note, details);
        Raise(new AccessDecided(this, at));
    }

    private void Record(
        Actor actor, DateTimeOffset at, string action, AccessRequestStatus? before, IReadOnlyList<string>? reasons = null,
        string? note = null, object? details = null)
    {
        Append(actor, at, AuditEntry.Create(actor, at, SubjectType, Id.ToString(), CustomerId, action,
            before?.ToString().ToLowerInvariant(), Status.ToString().ToLowerInvariant(), reasons, note, details));
    }
}
