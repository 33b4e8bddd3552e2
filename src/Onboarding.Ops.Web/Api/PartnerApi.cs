using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Web.Data;

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
        api.MapGet("/card-types", CardTypes);
        api.MapPost("/customers", CreateCustomerAsync);
        api.MapGet("/customers/{id}", GetCustomerAsync);
        api.MapPatch("/customers/{id}", UpdateCustomerAsync);
        api.MapPost("/customers/{id}/resubmit", ResubmitAsync);
        api.MapPost("/customers/{id}/documents", UploadDocumentAsync);
        api.MapGet("/customers/{id}/access-requests", ListAccessAsync);
        api.MapPost("/customers/{id}/access-requests", RequestAccessAsync);
        // The path partners already know from the public API.
        api.MapPost("/customers/{id}/request", RequestAccessAsync);
    }

    /// <summary>The audit trail names the partner and the key it used.</summary>
    private static Actor ActorOf(ClaimsPrincipal partner)
    {
        var key = partner.FindFirstValue(PartnerKeyAuthentication.KeyIdClaim)![..8];
        return Actor.Partner(partner.FindFirstValue(ClaimTypes.NameIdentifier)!, $"{partner.Identity!.Name} (API key {key})");
    }

    /// <summary>The body as JSON, or the 400 that says why it is not. An empty body reads as null when allowed.</summary>
    private static async Task<(JsonElement? Body, IResult? Error)> ReadJsonAsync(HttpRequest request, bool allowEmpty = false)
    {
        if (request.ContentLength > MaxJsonBytes)
        {
            return (null, TooLarge("body", MaxJsonBytes));
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
        try
        {
            return (JsonDocument.Parse(buffer.ToArray()).RootElement, null);
        }
        catch (JsonException)
        {
            return (null, Envelope.Error(StatusCodes.Status400BadRequest, "invalid_json", "The body is not valid JSON.", "body"));
        }
    }

    private static IResult TooLarge(string field, long limit) =>
        Envelope.Error(StatusCodes.Status400BadRequest, "too_large", $"The {field} is larger than the limit of {limit / 1024.0 / 1024.0:0.#} MB.", field);

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
        return customers.SingleOrDefaultAsync(c => c.Id == customerId && c.PartnerId == partnerId);
    }

    private static IResult NotFound(string id) =>
        Envelope.Error(StatusCodes.Status404NotFound, "customer_not_found", $"No customer with the id '{id}'.", "id");
}
