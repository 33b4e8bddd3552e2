using System.Security.Claims;
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
    }

    private static async Task<IResult> GetCustomerAsync(
        string id, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, RequirementPolicy policy, SlaTargets sla)
    {
        var partnerId = partner.FindFirstValue(ClaimTypes.NameIdentifier);
        await using var db = await contexts.CreateDbContextAsync();
        var customer = Guid.TryParse(id, out var customerId)
            ? await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId && c.PartnerId == partnerId)
            : null;
        if (customer is null)
        {
            return Envelope.Error(StatusCodes.Status404NotFound, "customer_not_found", $"No customer with the id '{id}'.", "id");
        }
        var requests = await db.AccessRequests.AsNoTracking().Where(r => r.CustomerId == customer.Id).OrderBy(r => r.RequestedAt).ToListAsync();
        var now = clock.GetUtcNow();
        // What the partner or the end user must do: never staff work, internal notes or check details.
        var blockers = BlockerEngine.For(customer, requests, policy, sla, now)
            .Where(b => b.Who is WhoMustAct.Partner or WhoMustAct.EndUser)
            .Select(b => new { code = b.Code, message = b.Sentence, nextStep = b.NextStep, whoMustAct = Words(b.Who), since = b.Since });
        return Envelope.Success(new
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
            featuresAccess = requests.Select(a => new
            {
                id = a.Id, type = Products.Wire(a.Product), cardType = a.CardType, currency = a.Currency,
                status = a.Status.ToString().ToLowerInvariant(), rejectionReasons = a.ReasonCodes,
            }),
            blockers,
        });
    }

    private static string Words(WhoMustAct who) => who == WhoMustAct.EndUser ? "end_user" : "partner";
}
