using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Api;

/// <summary>
/// "Idempotency-Key" on a partner POST: the same key with the same request returns the first answer without doing
/// anything twice; with a different request it is refused; one arriving while the first is still running waits for its
/// answer. Keys are kept 24 hours. Server errors and transient refusals (409, 429) are rolled back with the key, so a
/// retry runs again.
/// </summary>
public sealed class Idempotency(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = IdempotencyRecord.MaxKeyLength;

    public async Task InvokeAsync(HttpContext context, OpsContexts contexts, TimeProvider clock)
    {
        var key = context.Request.Headers[Header].ToString();
        var partnerId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (key.Length == 0 || !HttpMethods.IsPost(context.Request.Method) || context.User.Identity?.AuthenticationType != PartnerKeyAuthentication.SchemeName)
        {
            await next(context);
            return;
        }
        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            await Envelope.Error(StatusCodes.Status400BadRequest, "invalid_header",
                $"{Header} must be at most {MaxKeyLength} printable characters (a UUID is a good choice).", Header).ExecuteAsync(context);
            return;
        }

        var hash = await RequestHashAsync(context.Request);
        var claim = new IdempotencyRecord { PartnerId = partnerId!, Key = key, RequestHash = hash, CreatedAt = clock.GetUtcNow() };
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        // The claim, whatever the handler writes and the kept answer commit together: a crash leaves the key free.
        var replay = await contexts.InOneTransactionAsync(async db =>
        {
            var (first, existing) = await IdempotencyStore.ClaimAsync(db, claim, IdempotencyRecord.KeptFor);
            if (!first)
            {
                return (existing, false);
            }
            context.Response.Body = captured;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }
            var status = context.Response.StatusCode;
            var keep = status < 500 && status is not (StatusCodes.Status409Conflict or StatusCodes.Status429TooManyRequests);
            if (keep)
            {
                await IdempotencyStore.KeepAnswerAsync(db, partnerId!, key, status, context.Response.ContentType, captured.ToArray());
            }
            return ((IdempotencyRecord?)null, keep);
        }, context.RequestAborted);

        if (replay is not null)
        {
            await AnswerAgainAsync(context, replay, hash);
            return;
        }
        // Sent only now, after the commit: an answer the client sees is an answer that was kept.
        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>
    /// Method, path and body. A multipart body is hashed by its fields and files, not its bytes: a client's retry
    /// may choose a new boundary for the same upload.
    /// </summary>
    private static async Task<string> RequestHashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        if (request.HasFormContentType && await FormOrNullAsync(request) is { } form)
        {
            foreach (var (name, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes($"{name}={value}\n"));
            }
            foreach (var file in form.Files)
            {
                sha.AppendData(Encoding.UTF8.GetBytes($"{file.Name};{file.FileName};{file.Length}\n"));
                await using var content = file.OpenReadStream();
                sha.AppendData(await SHA256.HashDataAsync(content, request.HttpContext.RequestAborted));
            }
        }
        else
        {
            var chunk = new byte[16384];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                sha.AppendData(chunk, 0, read);
            }
        }
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The form (kept for the handler), or null when it cannot be read: the handler then says what is wrong.</summary>
    private static async Task<IFormCollection?> FormOrNullAsync(HttpRequest request)
    {
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }

    private static Task AnswerAgainAsync(HttpContext context, IdempotencyRecord existing, string hash)
    {
        if (existing.RequestHash != hash)
        {
            return Envelope.Error(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused",
                $"This {Header} was already used with a different request. Use a new key for a new request.", Header).ExecuteAsync(context);
        }
        context.Response.StatusCode = existing.StatusCode!.Value;
        context.Response.ContentType = existing.ContentType;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        return context.Response.Body.WriteAsync(existing.Body ?? []).AsTask();
    }
}
