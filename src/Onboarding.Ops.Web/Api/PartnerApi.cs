using System.Security.Claims;
using System.Text.Json;
using Onboarding.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Web.Data;

namespace Onboarding.Ops.Web.Api;

/// <summary>
/// /api/v1 for partners, shaped after the platform's public Customers API (type, level, individualData, statuses,
/// featuresAccess). A partner sees only its own customers: another partner's customer is answered like a missing one.
/// </summary>
public static class PartnerApi
{
    public const string Policy = "Partner";

    public static void MapPartnerApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization(Policy).DisableAntiforgery();
        api.MapGet("/card-types", () => Envelope.Success(Products.CardTypes.Select(c => new { id = c.Id, description = c.Description })));
        api.MapGet("/customers/{id}", GetCustomerAsync);
        api.MapPost("/customers", CreateCustomerAsync).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(1_000_000));
        api.MapGet("/customers/{id}/access-requests", ListAccessAsync);
        api.MapPost("/customers/{id}/access-requests", RequestAccessAsync);
        // The path partners already know from the public API.
        api.MapPost("/customers/{id}/request", RequestAccessAsync);
    }

    private static async Task<IResult> ListAccessAsync(string id, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, id, partner) is not { } customer)
        {
            return NotFound(id);
        }
        var requests = await db.AccessRequests.AsNoTracking().Where(r => r.CustomerId == customer.Id).OrderBy(r => r.RequestedAt).ToListAsync();
        return Envelope.Success(requests.Select(Access));
    }

    /// <summary>
    /// Requests a product: accessType cards (with cardType) or virtual-account (with currency). A duplicate of an open
    /// or granted request is a 409 pointing at it; a customer who is not active gets the request rejected at once.
    /// </summary>
    private static async Task<IResult> RequestAccessAsync(
        string id, HttpRequest request, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock)
    {
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted)).RootElement;
        }
        catch (JsonException)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "invalid_json", "The body is not valid JSON.");
        }
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, id, partner) is not { } customer)
        {
            return NotFound(id);
        }
        string? Text(string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        Product? product = Text("accessType") switch { "cards" => Product.Cards, "virtual-account" => Product.VirtualAccount, _ => null };
        if (product is null)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "invalid_field", "accessType must be cards or virtual-account.", "accessType");
        }
        var existing = await db.AccessRequests.Where(r => r.CustomerId == customer.Id).ToListAsync();
        AccessRequestOutcome outcome;
        try
        {
            outcome = AccessRequest.Request(Actor.Partner(customer.PartnerId, partner.Identity!.Name!), clock.GetUtcNow(), customer,
                new ProductChoice(product.Value, Text("cardType"), Text("currency")), existing);
        }
        catch (DomainRuleException refused)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "invalid_field", refused.Message, product == Product.Cards ? "cardType" : "currency");
        }
        if (outcome.Duplicate is { } duplicate)
        {
            return Envelope.Error(StatusCodes.Status409Conflict, "duplicate_request",
                $"This customer already has a {duplicate.Status.ToString().ToLowerInvariant()} request for this product: {duplicate.Id}.");
        }
        db.AccessRequests.Add(outcome.Created!);
        await db.SaveChangesAsync();
        return Envelope.Success(Access(outcome.Created!), StatusCodes.Status201Created);
    }

    private static Task<Customer?> OwnCustomerAsync(OpsDbContext db, string id, ClaimsPrincipal partner)
    {
        var partnerId = partner.FindFirstValue(ClaimTypes.NameIdentifier);
        return Guid.TryParse(id, out var customerId)
            ? db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId && c.PartnerId == partnerId)
            : Task.FromResult<Customer?>(null);
    }

    private static IResult NotFound(string id) =>
        Envelope.Error(StatusCodes.Status404NotFound, "customer_not_found", $"No customer with the id '{id}'.", "id");

    private static object Access(AccessRequest a) => new
    {
        id = a.Id, type = Products.Wire(a.Product), cardType = a.CardType, currency = a.Currency,
        status = a.Status.ToString().ToLowerInvariant(), rejectionReasons = a.ReasonCodes, message = a.CustomerMessage,
    };

    /// <summary>
    /// Creates a customer: only type and level are required. The domain decides pending (data complete for the level)
    /// or needs_information (with the missing items), and the automated checks run on what was sent.
    /// </summary>
    private static async Task<IResult> CreateCustomerAsync(
        HttpRequest request, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock,
        RequirementPolicy policy, SlaTargets sla)
    {
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted)).RootElement;
        }
        catch (JsonException)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "invalid_json", "The body is not valid JSON.");
        }
        // The audit trail names the partner and the key it used.
        var key = partner.FindFirstValue(PartnerKeyAuthentication.KeyIdClaim)![..8];
        var actor = Actor.Partner(partner.FindFirstValue(ClaimTypes.NameIdentifier)!, $"{partner.Identity!.Name} (API key {key})");
        var now = clock.GetUtcNow();
        Customer customer;
        try
        {
            customer = Customer.Create(actor, now, CustomerPayload.ToNewCustomer(body, actor.Id), policy);
        }
        catch (PayloadException bad)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "invalid_field", bad.Message, bad.Field);
        }
        catch (DomainRuleException refused)
        {
            return Envelope.Error(StatusCodes.Status422UnprocessableEntity, "refused", refused.Message);
        }
        await using var db = await contexts.CreateDbContextAsync();
        if (customer.SubmittedAt is not null)
        {
            await Features.Customers.CustomerChecks.RecordAsync(db, customer, now);
        }
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return Envelope.Success(Describe(customer, [], policy, sla, now), StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetCustomerAsync(
        string id, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, RequirementPolicy policy, SlaTargets sla)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, id, partner) is not { } customer)
        {
            return NotFound(id);
        }
        var requests = await db.AccessRequests.AsNoTracking().Where(r => r.CustomerId == customer.Id).OrderBy(r => r.RequestedAt).ToListAsync();
        return Envelope.Success(Describe(customer, requests, policy, sla, clock.GetUtcNow()));
    }

    /// <summary>A customer as partners see it: its data, status, product access, and what they or the end user must do next.</summary>
    private static object Describe(Customer customer, IReadOnlyList<AccessRequest> requests, RequirementPolicy policy, SlaTargets sla, DateTimeOffset now)
    {
        // What the partner or the end user must do: never staff work, internal notes or check details.
        var blockers = BlockerEngine.For(customer, requests, policy, sla, now)
            .Where(b => b.Who is WhoMustAct.Partner or WhoMustAct.EndUser)
            .Select(b => new { code = b.Code, message = b.Sentence, nextStep = b.NextStep, whoMustAct = Words(b.Who), since = b.Since });
        return new
        {
            id = customer.Id,
            type = Wire.Of(customer.Type),
            level = Wire.Of(customer.Level),
            verificationModel = Wire.Of(customer.Model),
            status = Wire.Of(customer.Status),
            partnerReference = customer.PartnerReference,
            createdAt = customer.CreatedAt,
            statusChangedAt = customer.StatusChangedAt,
            individualData = customer.Person,
            businessData = customer.Company,
            rejection = customer.LastRejection is { } r && customer.Status == CustomerStatus.Rejected
                ? new { reasons = r.ReasonCodes, message = r.CustomerMessage, retryable = !r.Final } : null,
            featuresAccess = requests.Select(Access),
            missing = customer.OpenChecklist.Select(i => new { item = Requirement.Name(i.Code), instruction = i.Instruction }),
            blockers,
        };
    }

    private static string Words(WhoMustAct who) => who == WhoMustAct.EndUser ? "end_user" : "partner";
}
