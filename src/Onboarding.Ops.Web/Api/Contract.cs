using System.ComponentModel;

using Onboarding.Ops.Web.Features.Webhooks;

namespace Onboarding.Ops.Web.Api;

// The shapes partners read in the OpenAPI document. Responses are built from these records; request records
// document the bodies, which Payload reads by hand so that a bad field is named in the error.

/// <summary>Every successful answer: { "status": "success", "data": ... }.</summary>
public sealed record Success<T>(string Status, T Data);

/// <summary>Every error: the HTTP status, a stable code, a readable message, the field at fault, and an id support can look up.</summary>
public sealed record ErrorBody(string Status, string Code, string Message, string? Field, string ErrorId);

public sealed record CustomerView(
    Guid Id,
    [property: Description("individual or business")] string Type,
    [property: Description("minimum, basic or advanced")] string Level,
    [property: Description("hosted or partner_verified")] string VerificationModel,
    [property: Description("pending, needs_information, active, rejected, update_requested or on_hold")] string Status,
    string? PartnerReference, DateTimeOffset CreatedAt, DateTimeOffset StatusChangedAt,
    PersonBody? IndividualData, BusinessBody? BusinessData, RejectionView? Rejection,
    IEnumerable<AccessView> FeaturesAccess,
    [property: Description("The items still needed (needs_information), with the instruction for the customer.")] IEnumerable<MissingItem> Missing,
    IEnumerable<BlockerView> Blockers, IEnumerable<DocumentView> Documents,
    [property: Description("Hosted customers, in the answer to create only: the link to send the end user (stored as a hash, never shown again; POST .../verification-link makes a new one).")] string? VerificationLink,
    DateTimeOffset? VerificationLinkExpiresAt,
    [property: Description("The source-of-funds questionnaire as last answered, or null. Required for virtual-account.")] SourceOfFundsView? SourceOfFunds = null,
    [property: Description("update_requested: the changed data under review. individualData / businessData stay the verified data until a reviewer approves it.")] ProposedUpdateView? ProposedUpdate = null);

/// <summary>The questionnaire as answered, with who answered it and when.</summary>
public sealed record SourceOfFundsView(SourceOfFundsBody Answers, DateTimeOffset AnsweredAt, [property: Description("partner or end_user")] string AnsweredBy);

/// <summary>An update under review: the data it proposes and the fields it changes (old and new).</summary>
public sealed record ProposedUpdateView(
    PersonBody? IndividualData, BusinessBody? BusinessData, IReadOnlyList<FieldChangeView> Changes, DateTimeOffset SubmittedAt);

public sealed record FieldChangeView(string Field, string? Old, string? New);

/// <summary>
/// PUT /customers/{id}/source-of-funds. A person answers occupation, employmentStatus, sourceOfFunds,
/// expectedMonthlyVolume and purpose; a company businessActivity, sourceOfFunds, expectedMonthlyVolume and
/// countriesOfOperation. Every question of the customer's type must be answered.
/// </summary>
public sealed record SourceOfFundsBody(
    [property: Description("Individuals: the person's occupation, up to 200 characters.")] string? Occupation = null,
    [property: Description("Individuals: employed, self_employed, unemployed, retired or student.")] string? EmploymentStatus = null,
    [property: Description("Individuals: salary, self_employment, savings, investments, inheritance, pension or other. Businesses: business_revenue, shareholder_capital, investments, loans or other.")] string? SourceOfFunds = null,
    [property: Description("under_1000, 1000_to_10000, 10000_to_50000, 50000_to_250000 or over_250000 (USD or its equivalent).")] string? ExpectedMonthlyVolume = null,
    [property: Description("Individuals: what the account is for, up to 200 characters.")] string? Purpose = null,
    [property: Description("Businesses: what the company does, up to 200 characters.")] string? BusinessActivity = null,
    [property: Description("Businesses: ISO 3166-1 alpha-2 codes of the countries it operates in.")] IReadOnlyList<string>? CountriesOfOperation = null);

/// <summary>A new verification link: give it to the end user; the previous one no longer opens.</summary>
public sealed record VerificationLinkView(string VerificationLink, DateTimeOffset ExpiresAt);

/// <summary>What the partner or the end user must do next (never staff work, internal notes or check details).</summary>
public sealed record BlockerView(string Code, string Message, string NextStep, string WhoMustAct, DateTimeOffset Since);

public sealed record DocumentView(
    Guid Id, [property: Description(ContractText.DocumentTypes)] string Type, string? IssuingCountry, DateOnly? ExpiresOn, DateOnly? IssuedOn, string State, DateTimeOffset ReceivedAt,
    string? MediaType, long? Size);

public sealed record AccessView(
    Guid Id, [property: Description("cards or virtual-account")] string Type, string? CardType, string? Currency,
    [property: Description("requested, granted, rejected or revoked")] string Status, IReadOnlyList<string> RejectionReasons, string? Message,
    DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);

/// <summary>The answer to a change: what the platform made of it, and the customer as it now is.</summary>
public sealed record ChangeView(
    [property: Description("contact_updated, update_requested, full_reverification, information_still_needed, submitted_for_review, resubmitted or questionnaire_answered")] string Effect,
    string Message, string PreviousStatus, CustomerView Customer);

public sealed record CardTypeView(string Id, string Description);

/// <summary>POST /customers. Only type and level are required.</summary>
public sealed record CreateCustomerRequest(
    [property: Description("individual or business")] string Type,
    [property: Description("minimum, basic or advanced")] string Level,
    [property: Description("hosted (default: the end user completes verification through a link) or partner_verified")] string? VerificationModel = null,
    [property: Description("Your own reference for the customer, up to 128 characters.")] string? PartnerReference = null,
    PersonBody? IndividualData = null,
    BusinessBody? BusinessData = null,
    [property: Description("partner_verified only: you attest that a liveness check was completed.")] bool? LivenessCompleted = null);

/// <summary>PATCH /customers/{id} and POST /customers/{id}/resubmit: a JSON merge patch of the data (null clears a field).</summary>
public sealed record ChangeCustomerRequest(PersonBody? IndividualData = null, BusinessBody? BusinessData = null, bool? LivenessCompleted = null);

public sealed record PersonBody(
    string? FirstName = null, string? LastName = null, DateOnly? BirthDate = null,
    [property: Description("ISO 3166-1 alpha-2, e.g. CO")] string? Nationality = null,
    string? Email = null,
    [property: Description("E.164, e.g. +573001234567")] string? Phone = null,
    string? NationalId = null, AddressBody? Address = null,
    [property: Description("Beneficial owners only: above 0, at most 100.")] decimal? OwnershipPercent = null);

public sealed record AddressBody(
    string Line1, string City, string? Line2 = null, string? State = null, string? PostalCode = null,
    [property: Description("ISO 3166-1 alpha-2, e.g. CO")] string CountryCode = "");

public sealed record BusinessBody(
    string? LegalName = null, string? RegistrationNumber = null,
    [property: Description("ISO 3166-1 alpha-2, e.g. CO")] string? CountryOfIncorporation = null,
    string? Email = null, string? Phone = null, AddressBody? RegisteredAddress = null,
    [property: Description("Each a person with ownershipPercent (above 0, at most 100).")] IReadOnlyList<PersonBody>? BeneficialOwners = null);

/// <summary>POST /customers/{id}/access-requests: accessType cards with cardType, or virtual-account with currency.</summary>
public sealed record AccessRequestBody(
    [property: Description("cards or virtual-account")] string AccessType,
    [property: Description("For cards: one of GET /card-types.")] string? CardType = null,
    [property: Description("For virtual-account: the account's currency.")] string? Currency = null);

/// <summary>POST /customers/{id}/documents, multipart/form-data.</summary>
public sealed record DocumentUploadForm(
    [property: Description("JPEG, PNG or PDF (recognised by content), 10 MB at most.")] IFormFile File,
    [property: Description(ContractText.DocumentTypes)] string Type,
    [property: Description("ISO 3166-1 alpha-2, e.g. CO")] string IssuingCountry,
    [property: Description("Identity documents: yyyy-MM-dd.")] DateOnly? ExpiresOn = null,
    [property: Description("Proof of address: yyyy-MM-dd.")] DateOnly? IssuedOn = null);

public static class ContractText
{
    public const string DocumentTypes = "passport, idCard, driverLicense, residencePermit, proofOfAddress or certificateOfIncorporation";
}

