using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.FourEyes;
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

    /// <summary>A grant or revocation one approver took that waits for a second approver.</summary>
    public StagedDecision? Staged { get; private set; }
    /// <summary>When <see cref="Staged"/> was staged, as a column: the "awaiting second review" view reads it.</summary>
    public DateTimeOffset? StagedAt { get; private set; }

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

    /// <summary>Grants, or stages the grant when a second-review rule holds it (a virtual account, by default).</summary>
    public DecisionEffect Grant(
        Actor actor, DateTimeOffset at, Customer customer, RequirementPolicy policy, string? note = null, SecondReviewRules? rules = null)
    {
        OwnCustomer("Grant", customer);
        if (WhyNotGrant(actor, customer, policy, at) is { } why)
        {
            throw new DomainRuleException(why);
        }
        var staged = new StagedDecision { Action = StagedAction.Grant, Note = note?.Trim(), Evidence = customer.EvidenceFingerprint() };
        if (StagedInstead(actor, at, SecondReviewFor(StagedAction.Grant, rules), staged))
        {
            return DecisionEffect.Staged;
        }
        ApplyGrant(actor, at, customer, policy, note);
        return DecisionEffect.Applied;
    }

    private void ApplyGrant(Actor actor, DateTimeOffset at, Customer customer, RequirementPolicy policy, string? note, object? confirmation = null)
    {
        var evidence = Preconditions(customer, policy, at).Select(r => $"{r.Name}: {r.Evidence}").ToList();
        Decide(actor, at, AccessRequestStatus.Granted, [], null, note, "access_granted",
            confirmation is null ? new { evidence } : new { evidence, secondReview = confirmation });
    }


    private void OwnCustomer(string action, Customer customer)
    {
        if (customer.Id != CustomerId)
        {
            throw new DomainRuleException($"{action} refused: that is not this request's customer.");
        }
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

    /// <summary>Revokes a grant, or stages the revocation when a second-review rule holds it.</summary>
    public DecisionEffect Revoke(
        Actor actor, DateTimeOffset at, IReadOnlyList<string> reasonCodes, string customerMessage, string? internalNote, SecondReviewRules? rules = null)
    {
        if (WhyNotRevoke(actor) is { } why)
        {
            throw new DomainRuleException(why);
        }
        RequireKnownReasons("Revoke", reasonCodes);
        if (string.IsNullOrWhiteSpace(customerMessage))
        {
            throw new DomainRuleException("Revoke needs a message for the customer.");
        }
        var staged = new StagedDecision
        {
            Action = StagedAction.Revoke, ReasonCodes = [.. reasonCodes.Distinct()], CustomerMessage = customerMessage.Trim(), Note = internalNote?.Trim(),
        };
        if (StagedInstead(actor, at, SecondReviewFor(StagedAction.Revoke, rules), staged))
        {
            return DecisionEffect.Staged;
        }
        Decide(actor, at, AccessRequestStatus.Revoked, reasonCodes, customerMessage.Trim(), internalNote, "access_revoked");
        return DecisionEffect.Applied;
    }

    public string? WhyNotRevoke(Actor actor) =>
        !actor.DecidesAccess ? "Revoke is unavailable: only a product approver can do this."
        : Status != AccessRequestStatus.Granted ? $"Revoke is unavailable: the request is {Status.ToString().ToLowerInvariant()}, not granted."
        : Staged is { } staged ? $"Revoke is unavailable: {staged.StagedBy}'s {staged.Describe()} awaits a second review."
        : null;

    /// <summary>The rule that holds this decision for a second approver now, or null when one approver may take it.</summary>
    public SecondReviewRule? SecondReviewFor(StagedAction action, SecondReviewRules? rules) => (action, rules) switch
    {
        (StagedAction.Grant, { } r) when Product == Product.VirtualAccount && r.Requires(SecondReviewRule.VirtualAccountGrant) => SecondReviewRule.VirtualAccountGrant,
        (StagedAction.Revoke, { } r) when r.Requires(SecondReviewRule.AccessRevocation) => SecondReviewRule.AccessRevocation,
        _ => null,
    };

    private bool StagedInstead(Actor actor, DateTimeOffset at, SecondReviewRule? rule, StagedDecision decision)
    {
        if (rule is not { } applies)
        {
            return false;
        }
        Staged = decision with { Rule = applies, StagedById = actor.Id, StagedBy = actor.Name, StagedAt = at };
        StagedAt = at;
        Record(actor, at, "decision_staged", Status, decision.ReasonCodes, decision.Note, Staged.ForTrail());
        return true;
    }

    /// <summary>Null when this actor may confirm the staged decision now; otherwise why not.</summary>
    public string? WhyNotConfirm(Actor actor, Customer customer, RequirementPolicy policy, DateTimeOffset at) =>
        !actor.DecidesAccess ? "Confirm is unavailable: only a product approver can do this."
        : Staged is not { } staged ? "Confirm is unavailable: no decision awaits a second review."
        : staged.StagedById == actor.Id ? $"Confirm is unavailable: you staged this {staged.Describe()}; another approver must confirm it."
        : StagedEvidenceChanged(customer, policy, at) ? $"Confirm is unavailable: the customer's evidence changed since {staged.StagedBy} staged the {staged.Describe()}."
        : staged.Action == StagedAction.Grant && WhatBlocksGrant(customer, policy, at) is { } block ? $"Confirm is unavailable: {block.Reason}."
        : null;

    /// <summary>Whether the product's evidence is no longer what the staged grant was taken on.</summary>
    public bool StagedEvidenceChanged(Customer customer, RequirementPolicy policy, DateTimeOffset at) =>
        Staged?.Evidence is { } evidence && evidence != customer.EvidenceFingerprint();

    /// <summary>A second approver applies the staged grant or revocation; one entry names both approvers.</summary>
    public void ConfirmDecision(Actor actor, DateTimeOffset at, Customer customer, RequirementPolicy policy)
    {
        OwnCustomer("Confirm", customer);
        if (WhyNotConfirm(actor, customer, policy, at) is { } why)
        {
            throw new DomainRuleException(why);
        }
        var staged = Staged!;
        (Staged, StagedAt) = (null, null);
        var confirmation = staged.Confirmation(actor, at);
        if (staged.Action == StagedAction.Grant)
        {
            ApplyGrant(actor, at, customer, policy, staged.Note, confirmation);
            return;
        }
        Decide(actor, at, AccessRequestStatus.Revoked, staged.ReasonCodes, staged.CustomerMessage, staged.Note, "access_revoked",
            new { secondReview = confirmation });
    }

    /// <summary>A second approver (or its maker, withdrawing it) sends the staged decision back with a note; nothing is applied.</summary>
    public void SendBackDecision(Actor actor, DateTimeOffset at, Customer customer, string note)
    {
        OwnCustomer("Send back", customer);
        if (!actor.DecidesAccess || Staged is null)
        {
            throw new DomainRuleException(!actor.DecidesAccess ? "Send back is unavailable: only a product approver can do this."
                : "Send back is unavailable: no decision awaits a second review.");
        }
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainRuleException("Send back needs a note for the approver who staged the decision.");
        }
        EndStaged(actor, at, customer, "staged_decision_sent_back", note.Trim());
    }

    /// <summary>Drops a staged grant whose evidence changed (a confirm attempt finds it so); false when it still stands.</summary>
    public bool DropIfEvidenceChanged(DateTimeOffset at, Customer customer, RequirementPolicy policy)
    {
        OwnCustomer("Drop", customer);
        if (!StagedEvidenceChanged(customer, policy, at))
        {
            return false;
        }
        EndStaged(Actor.System, at, customer, "staged_decision_dropped",
            "The evidence changed before a second approver confirmed it: the product's requirements read differently now.");
        return true;
    }

    private void EndStaged(Actor actor, DateTimeOffset at, Customer customer, string action, string note)
    {
        var staged = Staged!;
        (Staged, StagedAt) = (null, null);
        Record(actor, at, action, Status, note: note, details: staged.Ending());
        if (actor.Id != staged.StagedById)
        {
            Raise(new StagedDecisionEnded(SubjectType, Id, CustomerId, $"{Choice.Describe()} for {customer.Name}", staged,
                action == "staged_decision_dropped" ? "dropped" : "sent back", note, actor.Name, at));
        }
    }

    private string? WhyNotDecide(string action, Actor actor)
    {
        if (!actor.DecidesAccess)
        {
            return $"{action} is unavailable: only a product approver can do this.";
        }
        if (Staged is { } staged)
        {
            return $"{action} is unavailable: {staged.StagedBy}'s {staged.Describe()} awaits a second review; confirm it or send it back first.";
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
