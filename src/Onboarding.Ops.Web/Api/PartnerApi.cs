using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Api;

/// <summary>
/// /api/v1 for partners, shaped after the platform's public Customers API (type, level, individualData, statuses,
/// featuresAccess). A partner sees only its own customers: another partner's customer is answered like a missing one.
/// Handlers read bodies themselves so that every malformed input is answered with the field it concerns.
/// </summary>
public static partial class PartnerApi
{
    public const string Policy = "Partner";
    public const string RateLimit = "PartnerKey";

    /// <summary>JSON bodies are small: anything bigger is refused before it is parsed.</summary>
    public const int MaxJsonBytes = 1_000_000;

    public static void MapPartnerApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization(Policy).RequireRateLimiting(RateLimit).DisableAntiforgery();

        api.MapGet("/card-types", CardTypes).Answers<IReadOnlyList<CardTypeView>>(200, "Products",
            "Card types a partner can request", "The cardType values accepted by an access request for cards.");
        api.MapPost("/customers", CreateCustomerAsync).Accepts<CreateCustomerRequest>("application/json")
            .Answers<CustomerView>(201, "Customers", "Create a customer",
                "Only type and level are required. The answer has status pending when the data is complete for the level, "
                + "needs_information with the missing items otherwise, and for verificationModel hosted a verificationLink.")
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest).Produces<ErrorBody>(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/customers/{id}", GetCustomerAsync).Answers<CustomerView>(200, "Customers", "Get a customer",
                "The customer (the verified data), its status, product access, the source-of-funds answers, an update waiting for "
                + "review as proposedUpdate (the proposed data and each field old → new), its documents (a hosted end user's selfie is type "
                + "selfie), and the blockers the partner or end user must act on.")
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
        api.MapPatch("/customers/{id}", UpdateCustomerAsync).Accepts<ChangeCustomerRequest>("application/json")
            .Answers<ChangeView>(200, "Customers", "Change a customer's data",
                "A JSON merge patch of individualData or businessData (null clears a field). effect says what it meant: "
                + "contact_updated (email or phone only: stays active), update_requested (name, birth date or address: kept beside the verified "
                + "data as proposedUpdate until a reviewer approves or declines it), full_reverification (nationality: pending), "
                + "information_still_needed or submitted_for_review (answering a checklist: an item closes only when its own field is sent, "
                + "changed or re-confirmed as it is; message names the items still needed). While the customer is under review, 409 not_allowed_now.")
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest).Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict);
        api.MapPost("/customers/{id}/resubmit", ResubmitAsync).Accepts<ChangeCustomerRequest>("application/json")
            .Answers<ChangeView>(200, "Customers", "Resubmit",
                "After a retryable rejection (optionally with corrected data, as for PATCH), or to answer a needs_information "
                + "checklist. A final rejection cannot be resubmitted (409).")
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest).Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict);
        api.MapPost("/customers/{id}/verification-link", RegenerateLinkAsync)
            .Answers<VerificationLinkView>(200, "Customers", "Make a new verification link",
                "Hosted customers: a new link for the end user (valid 14 days by default); the previous link stops opening at once. "
                + "Partners also receive customer.verification_link_regenerated when the platform's staff make one.")
            .Produces<ErrorBody>(StatusCodes.Status404NotFound).Produces<ErrorBody>(StatusCodes.Status409Conflict);
        api.MapPost("/customers/{id}/documents", UploadDocumentAsync).Accepts<DocumentUploadForm>("multipart/form-data")
            .Answers<ChangeView>(200, "Customers", "Upload a document",
                "multipart/form-data: file (JPEG, PNG or PDF, recognised by content, 10 MB at most), type (passport, idCard, "
                + "driverLicense, residencePermit, proofOfAddress, certificateOfIncorporation), issuingCountry (ISO alpha-2), "
                + "expiresOn for identity documents, issuedOn for a proof of address (yyyy-MM-dd).")
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest).Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict);
        api.MapPut("/customers/{id}/source-of-funds", AnswerSourceOfFundsAsync).Accepts<SourceOfFundsBody>("application/json")
            .Answers<ChangeView>(200, "Customers", "Answer the source-of-funds questionnaire",
                "The whole questionnaire (a new answer replaces the last). A person answers occupation, employmentStatus, sourceOfFunds, "
                + "expectedMonthlyVolume and purpose; a company businessActivity, sourceOfFunds, expectedMonthlyVolume and countriesOfOperation. "
                + "Stored with who answered and when. Needed for virtual-account; it also answers a needs_information item asking for it. "
                + "A missing or invalid answer is a 400 naming the field; after a final rejection, 409.")
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest).Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict);
        api.MapGet("/customers/{id}/access-requests", ListAccessAsync).Answers<IReadOnlyList<AccessView>>(200, "Product access",
                "List a customer's access requests", "Every request with its status: requested, granted, rejected or revoked.")
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
        foreach (var (path, summary) in new[]
        {
            ("/customers/{id}/access-requests", "Request access to a product"),
            // The path partners already know from the public API.
            ("/customers/{id}/request", "Request access to a product (public API path)"),
        })
        {
            api.MapPost(path, RequestAccessAsync).Accepts<AccessRequestBody>("application/json")
                .Answers<AccessView>(201, "Product access", summary,
                    $"accessType cards with cardType, or virtual-account with currency ({string.Join(", ", Products.Currencies)}). A customer who is not "
                    + "active gets the request rejected at once with customer_not_active. An open or granted request for the "
                    + "same product is a 409 duplicate_request naming it.")
                .Produces<ErrorBody>(StatusCodes.Status400BadRequest).Produces<ErrorBody>(StatusCodes.Status404NotFound)
                .Produces<ErrorBody>(StatusCodes.Status409Conflict);
        }
    }

    private static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder route, int status, string tag, string summary, string description) =>
        route.WithTags(tag).WithSummary(summary).WithDescription(description).Produces<Success<T>>(status)
            .Produces<ErrorBody>(StatusCodes.Status401Unauthorized).Produces<ErrorBody>(StatusCodes.Status429TooManyRequests);

    /// <summary>The audit trail names the partner and the key it used.</summary>
    private static Actor ActorOf(ClaimsPrincipal partner)
    {
        var key = partner.FindFirstValue(PartnerKeyAuthentication.KeyIdClaim)![..8];
        return Actor.Partner(partner.FindFirstValue(ClaimTypes.NameIdentifier)!, $"{partner.Identity!.Name} (API key {key})");
    }

    /// <summary>The body as JSON, or the 400 that says why it is not. An empty body reads as null when allowed.</summary>
    private static async Task<(JsonElement? Body, IResult? Error)> ReadJsonAsync(HttpRequest request, bool allowEmpty = false)
    {
        if (!request.HasJsonContentType() && !(allowEmpty && request.ContentLength is null or 0))
        {
            return (null, Envelope.Error(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                "Send the body as JSON with the header Content-Type: application/json.", "Content-Type"));
        }
        if (request.ContentLength > MaxJsonBytes)
        {
            return (null, TooLarge("body", MaxJsonBytes, request.ContentLength));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxJsonBytes)
            {
                return (null, TooLarge("body", MaxJsonBytes));
            }
        }
        if (buffer.Length == 0 && allowEmpty)
        {
            return (null, null);
        }
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(buffer.ToArray()).RootElement;
        }
        catch (JsonException)
        {
            return (null, Envelope.Error(StatusCodes.Status400BadRequest, "invalid_json", "The body is not valid JSON.", "body"));
        }
        try
        {
            Payload.Strict(body);
        }
        catch (PayloadException bad)
        {
            return (null, BadField(bad));
        }
        return (body, null);
    }

    /// <summary>413 naming what was sent (when known) and the limit.</summary>
    private static IResult TooLarge(string field, long limit, long? sent = null) =>
        Envelope.Error(StatusCodes.Status413PayloadTooLarge, "too_large", sent is { } size
            ? FormattableString.Invariant($"The {field} is {size / 1024.0 / 1024.0:0.0} MB ({size:N0} bytes); the limit is {limit / 1024.0 / 1024.0:0.#} MB.")
            : FormattableString.Invariant($"The {field} is larger than the limit of {limit / 1024.0 / 1024.0:0.#} MB."), field);

    private static IResult BadField(PayloadException bad) =>
        Envelope.Error(StatusCodes.Status400BadRequest, bad.Field == "" ? "invalid_body" : "invalid_field", bad.Message, bad.Field == "" ? "body" : bad.Field);

    private static IResult Refused(DomainRuleException refused) =>
        Envelope.Error(StatusCodes.Status409Conflict, "not_allowed_now", refused.Message);

    private static IResult Conflict() =>
        Envelope.Error(StatusCodes.Status409Conflict, "concurrent_change",
            "The customer changed while this request was handled; fetch it again and retry.");

    private static Task<Customer?> OwnCustomerAsync(OpsDbContext db, string id, ClaimsPrincipal partner, bool tracked = false)
    {
        var partnerId = partner.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!Guid.TryParse(id, out var customerId))
        {
            return Task.FromResult<Customer?>(null);
        }
        var customers = tracked ? db.Customers : db.Customers.AsNoTracking();
        // A withdrawn application is erased as far as its partner can tell.
        return customers.SingleOrDefaultAsync(c => c.Id == customerId && c.PartnerId == partnerId && c.WithdrawnAt == null);
    }

    private static IResult NotFound(string id) =>
        Envelope.Error(StatusCodes.Status404NotFound, "customer_not_found", $"No customer with the id '{id}'.", "id");
}
