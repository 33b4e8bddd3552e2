using System.Text.Json.Nodes;

namespace Onboarding.Ops.Web.Api;

// The shapes partners read in the OpenAPI document. Responses are built from these records; request records
// document the bodies, which Payload reads by hand so that a bad field is named in the error.

/// <summary>Every successful answer: { "status": "success", "data": ... }.</summary>
public sealed record Success<T>(string Status, T Data);

/// <summary>Every error: the HTTP status, a stable code, a readable message, the field at fault, and an id support can look up.</summary>
public sealed record ErrorBody(string Status, string Code, string Message, string? Field, string ErrorId);

public sealed record CustomerView(
    Guid Id, string Type, string Level, string VerificationModel, string Status, string? PartnerReference,
    DateTimeOffset CreatedAt, DateTimeOffset StatusChangedAt, JsonObject? IndividualData, JsonObject? BusinessData,
    RejectionView? Rejection, IEnumerable<AccessView> FeaturesAccess, IEnumerable<MissingItem> Missing,
    IEnumerable<BlockerView> Blockers, IEnumerable<DocumentView> Documents, string? VerificationLink);

public sealed record RejectionView(IReadOnlyList<string> Reasons, string Message, bool Retryable);

public sealed record MissingItem(string Item, string Instruction);

/// <summary>What the partner or the end user must do next (never staff work, internal notes or check details).</summary>
public sealed record BlockerView(string Code, string Message, string NextStep, string WhoMustAct, DateTimeOffset Since);

public sealed record DocumentView(
    Guid Id, string Type, string? IssuingCountry, DateOnly? ExpiresOn, DateOnly? IssuedOn, string State, DateTimeOffset ReceivedAt,
    string? MediaType, long? Size);

public sealed record AccessView(
    Guid Id, string Type, string? CardType, string? Currency, string Status, IReadOnlyList<string> RejectionReasons, string? Message,
    DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);

/// <summary>The answer to a change: what the platform made of it, and the customer as it now is.</summary>
public sealed record ChangeView(string Effect, string Message, string PreviousStatus, CustomerView Customer);

public sealed record CardTypeView(string Id, string Description);

/// <summary>POST /customers. Only type and level are required.</summary>
public sealed record CreateCustomerRequest(
    string Type, string Level, string? VerificationModel, string? PartnerReference, PersonBody? IndividualData,
    BusinessBody? BusinessData, bool? LivenessCompleted);

/// <summary>PATCH /customers/{id} and POST /customers/{id}/resubmit: a JSON merge patch of the data (null clears a field).</summary>
public sealed record ChangeCustomerRequest(PersonBody? IndividualData, BusinessBody? BusinessData, bool? LivenessCompleted);

public sealed record PersonBody(
    string? FirstName, string? LastName, DateOnly? BirthDate, string? Nationality, string? Email, string? Phone, string? NationalId,
    AddressBody? Address);

public sealed record AddressBody(string Line1, string? Line2, string City, string? State, string? PostalCode, string CountryCode);

public sealed record BusinessBody(
    string? LegalName, string? RegistrationNumber, string? CountryOfIncorporation, string? Email, string? Phone,
    AddressBody? RegisteredAddress, IReadOnlyList<OwnerBody>? BeneficialOwners);

public sealed record OwnerBody(
    string? FirstName, string? LastName, DateOnly? BirthDate, string? Nationality, string? NationalId, AddressBody? Address,
    decimal? OwnershipPercent);

/// <summary>POST /customers/{id}/access-requests: accessType cards with cardType, or virtual-account with currency.</summary>
public sealed record AccessRequestBody(string AccessType, string? CardType, string? Currency);
