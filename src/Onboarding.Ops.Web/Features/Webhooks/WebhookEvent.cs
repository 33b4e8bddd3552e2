using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Web.Api;

namespace Onboarding.Ops.Web.Features.Webhooks;

public enum DeliveryState
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending,
    Delivered,
    /// <summary>Retried for the whole delivery window without a 2xx answer.</summary>
    Failed,
    /// <summary>The partner had no webhook URL when it was due.</summary>
    NoEndpoint,
}

/// <summary>
/// An event for a partner (the transactional outbox): written in the same transaction as the change it reports,
/// delivered afterwards by <see cref="WebhookDispatcher"/>. Body is the exact JSON posted, fixed when the change happened.
/// </summary>
public sealed class WebhookEvent
{
    /// <summary>The order events happened in; a partner's events are delivered in this order.</summary>
    public long Sequence { get; set; }
    /// <summary>The event id partners de-duplicate on.</summary>
    public Guid Id { get; set; }
    public string PartnerId { get; set; } = "";
    public Guid? CustomerId { get; set; }
    public string Type { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>Retries stop 24 hours after this: the event's creation, or the last redelivery asked by support.</summary>
    public DateTimeOffset RetryWindowFrom { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public List<WebhookAttempt> AttemptLog { get; set; } = [];

    public static WebhookEvent For(string partnerId, Guid? customerId, string type, DateTimeOffset at, object data)
    {
        var id = Guid.NewGuid();
        return new WebhookEvent
        {
            Id = id, PartnerId = partnerId, CustomerId = customerId, Type = type, CreatedAt = at, NextAttemptAt = at, RetryWindowFrom = at,
            Body = JsonSerializer.Serialize(new WebhookEventBody<object>(id, type, at, data), JsonSerializerOptions.Web),
        };
    }
}

/// <summary>One try at delivering an event: when, what came back (status or error), and when the next try is due.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public DateTimeOffset At { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>Who asked for a redelivery, when this line records one rather than an attempt.</summary>
    public string? RedeliveryBy { get; set; }
}

public sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> webhook)
    {
        webhook.ToTable("WebhookEvents");
        webhook.HasKey(e => e.Sequence);
        webhook.HasAlternateKey(e => e.Id);
        webhook.Property(e => e.PartnerId).HasMaxLength(64);
        webhook.Property(e => e.Type).HasMaxLength(64);
        webhook.Property(e => e.State).HasConversion<string>().HasMaxLength(20);
        webhook.HasMany(e => e.AttemptLog).WithOne().HasForeignKey(a => a.EventId).HasPrincipalKey(e => e.Id).OnDelete(DeleteBehavior.Cascade);
        webhook.HasIndex(e => new { e.State, e.PartnerId, e.Sequence });
        webhook.HasIndex(e => new { e.CustomerId, e.CreatedAt });
    }
}

public sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.ToTable("WebhookAttempts");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.Error).HasMaxLength(500);
        attempt.Property(a => a.RedeliveryBy).HasMaxLength(100);
    }
}

/// <summary>
/// The events partners are told about, read off the audit entries a save is about to write: every status change of a
/// customer, and every decision on an access request. Saved with them, so a change and its event cannot be split.
/// </summary>
public static class PartnerEvents
{
    public const string StatusChanged = "customer.status_changed";
    public const string AccessDecided = "access_request.decided";
    public const string LinkRegenerated = "customer.verification_link_regenerated";
    public const string Submitted = "customer.submitted";
    public const string Test = "webhook.test";

    public static IEnumerable<WebhookEvent> From(object aggregate, IReadOnlyList<AuditEntry> entries, Func<Guid, string?> partnerOf)
    {
        foreach (var entry in entries)
        {
            switch (aggregate)
            {
                case Customer customer when entry.StatusBefore is not null && entry.StatusBefore != entry.StatusAfter:
                    yield return WebhookEvent.For(customer.PartnerId, customer.Id, StatusChanged, entry.At, StatusData(customer, entry));
                    break;
                // The end user's first submission leaves a hosted customer pending, as it was: still a step the partner follows.
                case Customer customer when entry.Action == "submitted" && entry.StatusBefore == entry.StatusAfter:
                    yield return WebhookEvent.For(customer.PartnerId, customer.Id, Submitted, entry.At,
                        new CustomerSubmitted(customer.Id, customer.PartnerReference, entry.StatusAfter!));
                    break;
                case Customer customer when entry.Action == "verification_link_regenerated":
                    // The token itself never travels: only the one who asked for it sees it, once.
                    yield return WebhookEvent.For(customer.PartnerId, customer.Id, LinkRegenerated, entry.At, new VerificationLinkRegenerated(
                        customer.Id, customer.PartnerReference, customer.VerificationLinkExpiresAt,
                        entry.ActorKind == Domain.ActorKind.Partner ? "partner" : "platform"));
                    break;
                case AccessRequest request when entry.Action is "access_granted" or "access_rejected" or "access_revoked"
                    && partnerOf(request.CustomerId) is { } partnerId:
                    yield return WebhookEvent.For(partnerId, request.CustomerId, AccessDecided, entry.At, new AccessRequestDecided(
                        request.Id, request.CustomerId, Products.Wire(request.Product), request.CardType, request.Currency,
                        request.Status.ToString().ToLowerInvariant(), request.ReasonCodes, request.CustomerMessage));
                    break;
            }
        }
    }

    /// <summary>
    /// Old and new status and, for needs_information and rejected, what the customer is told (never internal notes).
    /// Read from the customer as saved: a save holds one decision, so that is the state the entry led to.
    /// </summary>
    private static CustomerStatusChanged StatusData(Customer customer, AuditEntry entry) => new(
        customer.Id, customer.PartnerReference, entry.StatusBefore!, entry.StatusAfter!,
        customer.Status == CustomerStatus.NeedsInformation
            ? [.. customer.OpenChecklist.Select(i => new MissingItem(Requirement.Name(i.Code), i.Instruction))]
            : null,
        customer.Status == CustomerStatus.NeedsInformation ? customer.InformationRequestMessage : null,
        customer.Status == CustomerStatus.Rejected && customer.LastRejection is { } r
            ? new RejectionView(r.ReasonCodes, r.CustomerMessage, !r.Final)
            : null,
        entry.Action == "update_declined" && customer.LastDeclinedUpdate is { } d
            ? new UpdateDeclinedView(d.ReasonCodes, d.CustomerMessage, [.. d.Changes.Select(c => c.Field)])
            : null);
}
