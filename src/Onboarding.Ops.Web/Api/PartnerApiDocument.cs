using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Onboarding.Ops.Web.Features.Webhooks;
using Scalar.AspNetCore;

namespace Onboarding.Ops.Web.Api;

/// <summary>
/// The OpenAPI document of /api/v1 (generated from the endpoints and the records in Contract.cs) at
/// /api/openapi/partners.json, and a browsable reference for partner developers at /api/reference. Both public.
/// </summary>
public static class PartnerApiDocument
{
    public const string Name = "partners";
    public const string DocumentPath = "/api/openapi/{documentName}.json";
    public const string ReferencePath = "/api/reference";

    private const string Introduction = """
        The platform's Customers API for partners: create customers, send their data and documents, and request
        access to cards and virtual accounts.

        **Two surfaces, one platform.** `/api/v1` is this API, richer and typed: business customers, partner-verified
        customers, PATCH of data, resubmit, document uploads, the typed source-of-funds questionnaire, blockers and
        missing items. `/external/api` (tag *Public Customers API (SDK paths)*) answers the public Customers API's paths and
        shapes exactly as the official SDKs (`@bfinance/sdk`, the Go SDK) send and read them, so an existing integration
        only changes its base URL: the flat individual create, `GET`/`DELETE /customers/{id}`, `POST /customers/{id}/request`,
        the questionnaires, `GET /cards/types` and the virtual-account eligibility. Both go through the same checks, audit
        trail, idempotency, rate limit and webhooks, with the same keys. Start new integrations on `/api/v1`; keep an
        SDK integration on `/external/api` until you need what only `/api/v1` has. On `/external/api`, a create without
        `level` uses your default level (set by the operations team, `basic` unless changed), `sumsub.url` is this
        platform's hosted verification link (in the answer to create only), `POST /customers/sumsub` answers 501
        `sumsub_not_available`, and `DELETE` withdraws an application nobody has decided yet (its personal data is erased;
        a customer once approved or rejected is kept for the record-keeping period and the answer is 409).

        **Authentication.** Send your API key as `Authorization: Bearer <key>`. Keys are issued by the platform's
        operations team; keep them secret and rotate them (several keys can be active at once).

        **Envelope.** A success is `{ "status": "success", "data": ... }`. An error is `{ "status": "error", "code",
        "message", "field", "errorId" }` with the HTTP status: `code` is stable, `field` names the offending field for
        bad input, and `errorId` is what to quote to support.

        **Idempotency.** Send an `Idempotency-Key` header (a UUID) with every POST. Repeating a request with the same
        key returns the first answer (header `Idempotent-Replayed: true`) without doing anything twice; the same key with
        a different request is refused (422 `idempotency_key_reused`); a repeat sent while the first is still running
        waits for it and gets its answer. A request that fails (5xx, 409, 429) keeps nothing, so its key can be retried.
        Keys are kept 24 hours.

        **Rate limit.** Per API key; over the limit the answer is 429 `rate_limited` with `Retry-After` in seconds.

        **Statuses.** `pending` (waiting for review), `needs_information` (see `missing` and `blockers`), `active`,
        `rejected` (see `rejection`; `retryable` says whether resubmit is possible), `update_requested` (changed identity
        data under review), `on_hold`.

        **Hosted verification.** Create a customer with `"verificationModel": "hosted"` (the default) and as little as
        `type` and `level`: the answer carries `verificationLink`, shown this once. Send it to your end user; on the page
        behind it they enter what their level needs, upload their documents, and later see where their verification
        stands and what is still missing. A link lasts 14 days; `POST /customers/{id}/verification-link` makes a new one
        and the old one stops opening.

        **Webhooks.** The operations team sets your webhook URL and gives you a signing secret (`whsec_...`). Each event
        (see *Webhooks* below) is a POST with a JSON body and three headers: `Webhook-Id` (the event id: de-duplicate on
        it), `Webhook-Timestamp` (Unix seconds) and `Webhook-Signature: v1=<hex>`, where `<hex>` is the HMAC-SHA256, keyed
        with your secret, of `{Webhook-Timestamp}.{raw body}`. Recompute it over the raw bytes, compare in constant time,
        and reject timestamps more than 5 minutes old. Answer any 2xx within 10 seconds; anything else is retried with
        backoff (30 seconds, doubling, at most an hour apart) for 24 hours. Your events arrive in the order they
        happened: a later one waits while an earlier one is retried.
        """;

    /// <summary>The events posted to a partner's webhook URL, each with the record its data is built from.</summary>
    private static readonly (string Type, Type Data, string Description)[] Events =
    [
        (PartnerEvents.StatusChanged, typeof(CustomerStatusChanged),
            "A customer's status changed: old and new status and, for needs_information and rejected, what the customer is told."),
        (PartnerEvents.Submitted, typeof(CustomerSubmitted),
            "The end user sent their data and documents through the hosted link; the customer is pending, now under review."),
        (PartnerEvents.LinkRegenerated, typeof(VerificationLinkRegenerated),
            "A new verification link was made, by you or by the operations team; the old one no longer opens."),
        (PartnerEvents.AccessDecided, typeof(AccessRequestDecided), "An access request was granted, rejected or revoked."),
        (PartnerEvents.Test, typeof(WebhookTest), "Sent on request from the operations team, to check your endpoint and your signature check."),
    ];

    public static IServiceCollection AddPartnerApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, document =>
        {
            document.ShouldInclude = endpoint => endpoint.RelativePath is { } path
                && (path.StartsWith("api/v1", StringComparison.Ordinal) || path.StartsWith(PartnerApi.PublicBase[1..], StringComparison.Ordinal));
            document.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo { Title = "Onboarding Ops partner API", Version = "v1", Description = Introduction };
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [PartnerKeyAuthentication.SchemeName] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "Your API key, sent as: Authorization: Bearer YOUR_KEY",
                    },
                };
                doc.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(PartnerKeyAuthentication.SchemeName, doc)] = [] }];
                return Task.CompletedTask;
            });
            document.AddDocumentTransformer(async (doc, context, cancellationToken) =>
            {
                doc.Webhooks = new Dictionary<string, IOpenApiPathItem>();
                foreach (var (type, data, description) in Events)
                {
                    var body = await context.GetOrCreateSchemaAsync(typeof(WebhookEventBody<>).MakeGenericType(data), null, cancellationToken);
                    doc.Webhooks[type] = new OpenApiPathItem { Operations = new() { [HttpMethod.Post] = WebhookOperation(type, description, body) } };
                }
            });
            document.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.HttpMethod == HttpMethods.Post)
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = Idempotency.Header, In = ParameterLocation.Header, Required = false,
                        Description = "A unique key (a UUID) per request: a retry with the same key returns the first answer.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Idempotency.MaxKeyLength },
                    });
                }
                return Task.CompletedTask;
            });
        });

    private static OpenApiOperation WebhookOperation(string type, string description, IOpenApiSchema body) => new()
    {
        Summary = type,
        Description = description,
        Security = [], // we call you: the signature, not an API key, proves it is us
        Parameters =
        [
            Header("Webhook-Id", "The event id; the same id again is a redelivery of the same event."),
            Header("Webhook-Timestamp", "When this attempt was signed, in Unix seconds."),
            Header("Webhook-Signature", "v1=<hex HMAC-SHA256 of \"{Webhook-Timestamp}.{raw body}\" keyed with your signing secret>"),
        ],
        RequestBody = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } } },
        Responses = new OpenApiResponses
        {
            ["2XX"] = new OpenApiResponse { Description = "Received. Anything else, or no answer within 10 seconds, is retried." },
        },
    };

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name, In = ParameterLocation.Header, Required = true, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    public static void MapPartnerApiDocument(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(DocumentPath).AllowAnonymous();
        endpoints.MapScalarApiReference(ReferencePath, reference => reference
            .WithTitle("Onboarding Ops partner API")
            .WithOpenApiRoutePattern(DocumentPath)
            .AddDocument(Name)
            .ExpandAllTags()
            // Nothing fetched from or sent to outside services: no telemetry, AI agent, hosted fonts or SDK upsell.
            .HideDeveloperTools()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .DisableDefaultFonts()
            .HideClientButton()
            .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl)).AllowAnonymous();
    }
}
