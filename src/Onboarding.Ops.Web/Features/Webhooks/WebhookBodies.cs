using System.ComponentModel;

namespace Onboarding.Ops.Web.Features.Webhooks;

// What partners receive at their webhook URL, documented in the partner reference beside the API's own shapes.

public sealed record MissingItem(string Item, string Instruction);

public sealed record RejectionView(IReadOnlyList<string> Reasons, string Message, bool Retryable);

/// <summary>
/// What is posted to your webhook URL: one event. De-duplicate on <c>id</c> (also the Webhook-Id header); a partner's
/// events arrive in the order they happened.
/// </summary>
public sealed record WebhookEventBody<TData>(
    Guid Id, [property: Description("The event type, e.g. customer.status_changed")] string Type, DateTimeOffset CreatedAt, TData Data);

public sealed record CustomerStatusChanged(
    Guid CustomerId, string? PartnerReference, string PreviousStatus,
    [property: Description("pending, needs_information, active, rejected, update_requested or on_hold")] string Status,
    [property: Description("needs_information only: the items still needed, with the instruction for the customer.")] IEnumerable<MissingItem>? Missing,
    [property: Description("needs_information only: the message for the customer.")] string? Message,
    [property: Description("rejected only.")] RejectionView? Rejection,
    [property: Description("A reviewer declined an update (update_requested → active): the verified data stays; why, and the fields that were not taken.")] UpdateDeclinedView? UpdateDeclined = null);

public sealed record UpdateDeclinedView(IReadOnlyList<string> Reasons, string Message, IReadOnlyList<string> Fields);

/// <summary>The end user sent their data and documents through the hosted link (the customer stays pending, now under review).</summary>
public sealed record CustomerSubmitted(Guid CustomerId, string? PartnerReference, string Status);

/// <summary>A new verification link was made (the link itself is never sent; the old one no longer opens).</summary>
public sealed record VerificationLinkRegenerated(
    Guid CustomerId, string? PartnerReference, DateTimeOffset? ExpiresAt,
    [property: Description("partner (you, over the API) or platform (the operations team)")] string RegeneratedBy);

public sealed record AccessRequestDecided(
    Guid AccessRequestId, Guid CustomerId, [property: Description("cards or virtual-account")] string AccessType, string? CardType, string? Currency,
    [property: Description("granted, rejected or revoked")] string Status, IReadOnlyList<string> RejectionReasons, string? Message);

/// <summary>Sent from Admin › Partners to check the endpoint and the signature.</summary>
public sealed record WebhookTest(string Message);
