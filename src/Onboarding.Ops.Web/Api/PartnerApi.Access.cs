using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Api;

/// <summary>Product access: card types, requests and their statuses.</summary>
public static partial class PartnerApi
{
    private static IResult CardTypes() =>
        Envelope.Success(Products.CardTypes.Select(c => new { id = c.Id, description = c.Description }));

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
        var (body, error) = await ReadJsonAsync(request);
        if (error is not null)
        {
            return error;
        }
        var (created, refusal) = await RequestAsync(id, body!.Value, partner, contexts, clock);
        return refusal ?? Envelope.Success(Access(created!), StatusCodes.Status201Created);
    }

    /// <summary>The request both API surfaces make: the saved request, or the answer that says why there is none.</summary>
    private static async Task<(AccessRequest? Created, IResult? Refusal)> RequestAsync(
        string id, JsonElement body, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, id, partner, tracked: true) is not { } customer)
        {
            return (null, NotFound(id));
        }
        ProductChoice choice;
        try
        {
            choice = Payload.ToProductChoice(body);
        }
        catch (PayloadException bad)
        {
            return (null, BadField(bad));
        }
        var existing = await db.AccessRequests.Where(r => r.CustomerId == customer.Id).ToListAsync();
        AccessRequestOutcome outcome;
        try
        {
            outcome = AccessRequest.Request(ActorOf(partner), clock.GetUtcNow(), customer, choice, existing);
        }
        catch (DomainRuleException refused)
        {
            return (null, Envelope.Error(StatusCodes.Status400BadRequest, "invalid_field", refused.Message,
                choice.Type.Variant.Field is { Length: > 0 } field ? field : "accessType"));
        }
        if (outcome.Duplicate is { } duplicate)
        {
            return (null, Envelope.Error(StatusCodes.Status409Conflict, "duplicate_request",
                $"This customer already has a {duplicate.Status.ToString().ToLowerInvariant()} request for this product: {duplicate.Id}."));
        }
        db.AccessRequests.Add(outcome.Created!);
        // A product requested is a risk factor (a virtual account adds to the score).
        await Features.Risk.RiskAssessor.AssessAsync(db, customer, clock.GetUtcNow());
        if (await db.SaveOrConflictAsync() is { } conflict)
        {
            return (null, Envelope.Error(StatusCodes.Status409Conflict, "conflict", $"{conflict.Message} Send the request again."));
        }
        return (outcome.Created, null);
    }

    private static AccessView Access(AccessRequest a) => new(
        a.Id, Products.Wire(a.Product), a.CardType, a.Currency, a.Status.ToString().ToLowerInvariant(), a.ReasonCodes, a.CustomerMessage,
        a.RequestedAt, a.DecidedAt);
}
