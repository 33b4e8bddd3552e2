using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
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

        **Authentication.** Send your API key as `Authorization: Bearer <key>`. Keys are issued by the platform's
        operations team; keep them secret and rotate them (several keys can be active at once).

        **Envelope.** A success is `{ "status": "success", "data": ... }`. An error is `{ "status": "error", "code",
        "message", "field", "errorId" }` with the HTTP status: `code` is stable, `field` names the offending field for
        bad input, and `errorId` is what to quote to support.

        **Idempotency.** Send an `Idempotency-Key` header (a UUID) with every POST. Repeating a request with the same
        key returns the first answer (header `Idempotent-Replayed: true`) without doing anything twice; the same key with
        a different request is refused (422 `idempotency_key_reused`); while the first is still running, 409
        `idempotency_in_progress` with `Retry-After`. Keys are kept 24 hours.

        **Rate limit.** Per API key; over the limit the answer is 429 `rate_limited` with `Retry-After` in seconds.

        **Statuses.** `pending` (waiting for review), `needs_information` (see `missing` and `blockers`), `active`,
        `rejected` (see `rejection`; `retryable` says whether resubmit is possible), `update_requested` (changed identity
        data under review), `on_hold`.
        """;

    public static IServiceCollection AddPartnerApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, document =>
        {
            document.ShouldInclude = endpoint => endpoint.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
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
