using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;

namespace Onboarding.Ops.Web.Api;

/// <summary>
/// The platform's public Customers API at /external/api, with the paths and shapes the official SDKs send and read.
/// It is a translation: each body is rewritten into /api/v1's shape and read by the same <see cref="Payload"/>, and each
/// change goes through the same intake, checks, audit, idempotency, rate limit and isolation as /api/v1.
/// </summary>
public static partial class PartnerApi
{
    public const string PublicBase = "/external/api";
    private const string PublicTag = "Public Customers API (SDK paths)";
    public const string SourceOfFundsQuestionnaire = "source-of-funds";

    /// <summary>Both surfaces (and the API's reference pages) answer in the envelope, with idempotency and the partner's rate limit.</summary>
    public static bool IsPartnerPath(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(PublicBase);

    public static void MapPublicApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(PublicBase).RequireAuthorization(Policy).RequireRateLimiting(RateLimit).DisableAntiforgery();
        api.MapPost("/customers", PublicCreateAsync).Accepts<PublicCreateRequest>("application/json")
            .Answers<PublicCustomerView>(201, PublicTag, "Create an individual customer (SDK shape)",
                "The flat body of the official SDKs. Without level, the partner's default level (Admin › Partners, basic unless set). "
                + "The end user verifies through sumsub.url, this platform's hosted verification link (shown in this answer only). "
                + "address takes countryCode/postalCode or country/zipCode. sumsubShareToken is refused: this platform has no link to Sumsub.")
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest).Produces<ErrorBody>(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/customers/{id}", PublicGetAsync).Answers<PublicCustomerView>(200, PublicTag, "Get a customer (SDK shape)",
                "individualData, status, featuresAccess, rejectionReasons and canResubmit. sumsub.url is null: the link is stored as a hash; "
                + "POST /api/v1/customers/{id}/verification-link makes a new one.")
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
        api.MapDelete("/customers/{id}", PublicDeleteAsync).Answers<PublicDeletedView>(200, PublicTag, "Withdraw a customer",
                "Only an application nobody has decided yet (pending or needs_information): its personal data, documents, questionnaire "
                + "and link are erased and it is no longer found; the audit trail keeps that it was withdrawn, by whom and when. "
                + "A customer once approved or rejected is kept for the record-keeping period: 409 not_allowed_now.")
            .Produces<ErrorBody>(StatusCodes.Status404NotFound).Produces<ErrorBody>(StatusCodes.Status409Conflict);
        api.MapPost("/customers/{id}/request", PublicRequestAccessAsync).Accepts<PublicAccessRequestBody>("application/json")
            .Answers<PublicAccessView>(201, PublicTag, "Request access to a product (SDK shape)",
                "accessType cards with cardType, or virtual-account (with currency; USD when left out). status is requested, or rejected "
                + "with customer_not_active when the customer is not active. An open or granted request for the same product is 409 duplicate_request.")
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest).Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict);
        api.MapPost("/customers/sumsub", PublicSumsub).Answers<object>(501, PublicTag, "Create from a Sumsub share token (not available)",
            "This platform has no connection to Sumsub: always 501 sumsub_not_available. Create with POST /customers; the end user verifies through sumsub.url.");
        api.MapGet("/customers/{id}/questionnaires", PublicQuestionnairesAsync).Answers<PublicQuestionnaireList>(200, PublicTag,
                "List a customer's questionnaires", "The source-of-funds questionnaire, with whether and when it was completed.")
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
        api.MapGet("/customers/{id}/questionnaires/{questionnaireId}", PublicQuestionnaireAsync).Answers<PublicQuestionnaireAnswer>(200, PublicTag,
                "Get a questionnaire's questions", "Each question with its id, type (text or select), whether it is required, and its options.")
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
        api.MapPost("/customers/{id}/questionnaires/{questionnaireId}/submit", PublicSubmitQuestionnaireAsync)
            .Accepts<PublicQuestionnaireSubmission>("application/json")
            .Answers<PublicQuestionnaireSummary>(200, PublicTag, "Submit a questionnaire",
                "answers: [{ id, answer }] for every required question, validated like PUT /api/v1/customers/{id}/source-of-funds "
                + "(countriesOfOperation: an array of codes, or one string separated by commas).")
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest).Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict);
        api.MapGet("/cards/types", PublicCardTypes).Answers<IReadOnlyList<PublicCardType>>(200, PublicTag, "Card types (SDK shape)",
            "id (the cardType to request), name, cardCurrency and brand. price is null: prices are agreed per partner, outside this API.");
        api.MapGet("/virtual-account/{customerId}/eligibility", PublicEligibilityAsync).Answers<PublicEligibility>(200, PublicTag,
                "Virtual-account eligibility", "eligibile (their spelling) when the customer is active and meets the virtual account's requirements; "
                + "eligibileFor lists the currencies not yet requested or granted; blockedBy says what is missing otherwise.")
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> PublicCreateAsync(
        HttpRequest request, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, LinkSettings links, CustomerIntake intake,
        IDocumentStore store)
    {
        var (body, error) = await ReadJsonAsync(request);
        if (error is not null)
        {
            return error;
        }
        var actor = ActorOf(partner);
        await using var db = await contexts.CreateDbContextAsync();
        var defaultLevel = await db.Partners.Where(p => p.Id == actor.Id).Select(p => p.DefaultLevel).SingleAsync();
        NewCustomer input;
        try
        {
            var (v1, files) = PublicBody.ToCreate(body!.Value, defaultLevel);
            input = Payload.ToNewCustomer(v1, actor.Id) with { Documents = [.. files.Select(f => f.Document)] };
            // Stored before the customer that refers to them; a refused create leaves them for the housekeeping sweep.
            foreach (var (_, content) in files)
            {
                await store.SaveAsync(content, request.HttpContext.RequestAborted);
            }
        }
        catch (PayloadException bad)
        {
            return BadField(PublicBody.Renamed(bad));
        }
        var (customer, token, refused) = await intake.CreateAsync(db, actor, input);
        if (customer is null)
        {
            return Envelope.Error(StatusCodes.Status422UnprocessableEntity, "refused", refused!);
        }
        return Envelope.Success(PublicBody.View(customer, [], LinkOf(request, links, token)), StatusCodes.Status201Created);
    }

    private static async Task<IResult> PublicGetAsync(string id, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, id, partner) is not { } customer)
        {
            return NotFound(id);
        }
        return Envelope.Success(PublicBody.View(customer, await RequestsOfAsync(db, customer), link: null));
    }

    private static async Task<IResult> PublicDeleteAsync(string id, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, CustomerIntake intake)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, id, partner, tracked: true) is not { } customer)
        {
            return NotFound(id);
        }
        var result = await intake.WithdrawAsync(db, customer, ActorOf(partner));
        if (result.Refused is { } refused)
        {
            return Envelope.Error(StatusCodes.Status409Conflict, "not_allowed_now",
                $"{refused} A customer once approved or rejected is kept for the record-keeping period; ask the operations team to close it.");
        }
        return result.Conflict is not null ? Conflict()
            : Envelope.Success(new PublicDeletedView(customer.Id, true, "The application was withdrawn and its personal data erased."));
    }

    private static async Task<IResult> PublicRequestAccessAsync(
        string id, HttpRequest request, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock)
    {
        var (body, error) = await ReadJsonAsync(request);
        if (error is not null)
        {
            return error;
        }
        var (created, refusal) = await RequestAsync(id, PublicBody.ToAccessRequest(body!.Value), partner, contexts, clock);
        return refusal ?? Envelope.Success(new PublicAccessView(Products.Wire(created!.Product), created.CustomerId, created.Status.ToString().ToLowerInvariant(),
            created.CardType, created.Currency, created.ReasonCodes), StatusCodes.Status201Created);
    }

    private static IResult PublicSumsub() =>
        Envelope.Error(StatusCodes.Status501NotImplemented, "sumsub_not_available",
            "This platform has no connection to Sumsub, so a share token cannot be imported. Create the customer with POST /external/api/customers; "
            + "the end user verifies through the link in sumsub.url.");

    private static async Task<IResult> PublicQuestionnairesAsync(string id, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await OwnCustomerAsync(db, id, partner) is not { } customer ? NotFound(id)
            : Envelope.Success(new PublicQuestionnaireList([PublicBody.Summary(customer)]));
    }

    private static async Task<IResult> PublicQuestionnaireAsync(
        string id, string questionnaireId, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, id, partner) is not { } customer)
        {
            return NotFound(id);
        }
        return questionnaireId != SourceOfFundsQuestionnaire ? QuestionnaireNotFound(questionnaireId)
            : Envelope.Success(new PublicQuestionnaireAnswer(PublicBody.Questionnaire(customer)));
    }

    private static async Task<IResult> PublicSubmitQuestionnaireAsync(
        string id, string questionnaireId, HttpRequest request, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts,
        CustomerIntake intake)
    {
        var (body, error) = await ReadJsonAsync(request);
        if (error is not null)
        {
            return error;
        }
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, id, partner, tracked: true) is not { } customer)
        {
            return NotFound(id);
        }
        if (questionnaireId != SourceOfFundsQuestionnaire)
        {
            return QuestionnaireNotFound(questionnaireId);
        }
        var (answers, bad) = QuestionnaireOf(() => PublicBody.ReadAnswers(body!.Value, customer.Type), customer.Type, "answers");
        if (bad is not null)
        {
            return bad;
        }
        var result = await intake.AnswerSourceOfFundsAsync(db, customer, ActorOf(partner), answers!);
        return result.Refused is { } refused ? Envelope.Error(StatusCodes.Status409Conflict, "not_allowed_now", refused)
            : result.Conflict is not null ? Conflict()
            : Envelope.Success(PublicBody.Summary(customer));
    }

    private static IResult QuestionnaireNotFound(string questionnaireId) =>
        Envelope.Error(StatusCodes.Status404NotFound, "questionnaire_not_found",
            $"No questionnaire '{questionnaireId}'. The one questionnaire here is '{SourceOfFundsQuestionnaire}'.", "questionnaireId");

    private static IResult PublicCardTypes() => Envelope.Success(Products.CardTypes.Select(PublicBody.CardType));

    private static async Task<IResult> PublicEligibilityAsync(
        string customerId, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, RequirementPolicy policy, TimeProvider clock)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, customerId, partner) is not { } customer)
        {
            return NotFound(customerId);
        }
        var requests = await RequestsOfAsync(db, customer);
        // The grant's own answer, for a request of each currency not yet asked for.
        var blocks = AccessRequest.WhatBlocks(Product.VirtualAccount, customer, policy, clock.GetUtcNow());
        var taken = requests.Where(r => r.Product == Product.VirtualAccount && r.IsOpenOrGranted).Select(r => r.Currency).ToHashSet();
        return Envelope.Success(new PublicEligibility(blocks is null, blocks is null ? [.. Products.Currencies.Where(c => !taken.Contains(c))] : [],
            blocks is null ? [] : [blocks.Reason]));
    }
}
