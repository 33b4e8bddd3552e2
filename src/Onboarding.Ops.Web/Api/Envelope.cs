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

    private sealed class ErrorResult(int status, string code, string message, string? field) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            var errorId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            return Results.Json(new { status = "error", code, message, field, errorId }, statusCode: status).ExecuteAsync(context);
        }
    }
}
