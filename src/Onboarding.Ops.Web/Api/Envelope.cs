using System.Diagnostics;

namespace Onboarding.Ops.Web.Api;

/// <summary>
/// Every answer of the partner API: { status: "success", data } or { status: "error", code, message, field?, errorId },
/// always with the real HTTP status. errorId is the request's trace id, which support finds in the logs.
/// </summary>
public static class Envelope
{
    public static IResult Success(object data, int status = StatusCodes.Status200OK) =>
        Results.Json(new { status = "success", data }, statusCode: status);

    public static IResult Error(int status, string code, string message, string? field = null) =>
        new ErrorResult(status, code, message, field);

    /// <summary>
    /// Errors the framework answers without a body (no such route, wrong method, wrong content type) get the envelope too,
    /// instead of the staff app's HTML error pages; so do the server's refusals of a body while it is read (too large,
    /// too slow), which would otherwise get that page too. (Refusals of the request line or the
    /// headers, such as <c>%00</c> in the path or 32 KB of headers, are answered by Kestrel before the app sees them.)
    /// </summary>
    public static async Task ForBodilessErrorsAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException refused) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await Error(refused.StatusCode, refused.StatusCode == StatusCodes.Status413PayloadTooLarge ? "too_large" : "invalid_body",
                $"The body could not be read: {refused.Message}", "body").ExecuteAsync(context);
            return;
        }
        var status = context.Response.StatusCode;
        if (status < 400 || context.Response.HasStarted || context.Response.ContentLength > 0 || context.Response.ContentType is not null)
        {
            return;
        }
        var (code, message) = status switch
        {
            StatusCodes.Status404NotFound => ("not_found", $"There is no {context.Request.Path} in this API. See /api/reference."),
            StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", $"{context.Request.Method} is not allowed on {context.Request.Path}."),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type",
                $"Content-Type '{context.Request.ContentType}' is not accepted here. See /api/reference for what each endpoint takes."),
            _ => ("error", "The request could not be handled."),
        };
        await Error(status, code, message, status == StatusCodes.Status415UnsupportedMediaType ? "Content-Type" : null).ExecuteAsync(context);
    }

    private sealed class ErrorResult(int status, string code, string message, string? field) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            var errorId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            return Results.Json(new { status = "error", code, message, field, errorId }, statusCode: status).ExecuteAsync(context);
        }
    }
}
