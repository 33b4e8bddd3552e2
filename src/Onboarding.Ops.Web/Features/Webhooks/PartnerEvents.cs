using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Features.Webhooks;

/// <summary>
/// The events partners are told about, from the domain events the verbs raised: every status change of a customer,
/// a hosted customer's first submission, a replaced verification link, and every decision on an access request.
/// </summary>
public static class PartnerEvents
{
    public const string StatusChanged = "customer.status_changed";
    public const string AccessDecided = "access_request.decided";
    public const string LinkRegenerated = "customer.verification_link_regenerated";
    public const string Submitted = "customer.submitted";
    public const string Test = "webhook.test";

    /// <summary>The outbox row for a domain event, or null for one partners are not told about.</summary>
    public static WebhookEvent? From(DomainEvent domainEvent) => domainEvent switch
    {
        Domain.Audit.StatusChanged e => For(e.Customer.PartnerId, e.Customer.Id, StatusChanged, e.At, StatusData(e)),
        DataSubmitted e => For(e.Customer.PartnerId, e.Customer.Id, Submitted, e.At,
            new CustomerSubmitted(e.Customer.Id, e.Customer.PartnerReference, Wire.Of(e.Status))),
        Domain.Audit.LinkRegenerated e => For(e.Customer.PartnerId, e.Customer.Id, LinkRegenerated, e.At, new VerificationLinkRegenerated(
            e.Customer.Id, e.Customer.PartnerReference, e.ExpiresAt, e.By == ActorKind.Partner ? "partner" : "platform")),
        Domain.Audit.AccessDecided { Request: var r } e => For(r.PartnerId, r.CustomerId, AccessDecided, e.At, new AccessRequestDecided(
            r.Id, r.CustomerId, Products.Wire(r.Product), r.CardType, r.Currency, r.Status.ToString().ToLowerInvariant(), r.ReasonCodes, r.CustomerMessage)),
        _ => null,
    };

    /// <summary>An outbox row: the exact body posted, fixed now.</summary>
    public static WebhookEvent For(string partnerId, Guid? customerId, string type, DateTimeOffset at, object data)
    {
        var id = Guid.NewGuid();
        return new WebhookEvent
        {
            Id = id, PartnerId = partnerId, CustomerId = customerId, Type = type, CreatedAt = at, NextAttemptAt = at, RetryWindowFrom = at,
            Body = JsonSerializer.Serialize(new WebhookEventBody<object>(id, type, at, data), JsonSerializerOptions.Web),
        };
    }

    /// <summary>
    /// Old and new status and, for needs_information and rejected, what the customer is told (never internal notes).
    /// Read from the customer as saved: a save holds one decision, so that is the state the change led to.
    /// </summary>
    private static CustomerStatusChanged StatusData(Domain.Audit.StatusChanged e)
    {
        var customer = e.Customer;
        return new(customer.Id, customer.PartnerReference, Wire.Of(e.Before), Wire.Of(e.After),
            e.After == CustomerStatus.NeedsInformation
                ? [.. customer.OpenChecklist.Select(i => new MissingItem(Requirement.Name(i.Code), i.Instruction))]
                : null,
            e.After == CustomerStatus.NeedsInformation ? customer.InformationRequestMessage : null,
            e.After == CustomerStatus.Rejected && customer.LastRejection is { } r ? new RejectionView(r.ReasonCodes, r.CustomerMessage, !r.Final) : null,
            e.Declined is { } d ? new UpdateDeclinedView(d.ReasonCodes, d.CustomerMessage, [.. d.Changes.Select(c => c.Field)]) : null);
    }
}

/// <summary>
/// Fills the outbox as a change is saved: the domain events of every tracked aggregate become webhook events (and staff
/// notices) in the same transaction, so a change and its event cannot be split. It reads only what is tracked; it never queries.
/// </summary>
public sealed class PartnerEventsInterceptor : SaveChangesInterceptor
{
    public static readonly PartnerEventsInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Collect(DbContext? db)
    {
        if (db is null)
        {
            return;
        }
        var events = db.ChangeTracker.Entries<IAudited>().ToList().SelectMany(e => e.Entity.TakeNewEvents()).ToList();
        db.Set<WebhookEvent>().AddRange(events.Select(PartnerEvents.From).OfType<WebhookEvent>());
        // Staff hear of their own staged decisions ending unapplied, in the same transaction.
        db.Set<StaffNotice>().AddRange(events.OfType<StagedDecisionEnded>().Select(StaffNotice.Of));
    }
}
