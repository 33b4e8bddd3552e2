using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Onboarding.Ops.Data;

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
/// delivered afterwards by the webhook dispatcher. Body is the exact JSON posted, fixed when the change happened.
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
