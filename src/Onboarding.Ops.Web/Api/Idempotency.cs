using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Onboarding.Ops.Web.Data;

namespace Onboarding.Ops.Web.Api;

/// <summary>The first answer to a partner's POST carrying an Idempotency-Key, kept to be given again for the same request.</summary>
public sealed class IdempotencyRecord
{
    public string PartnerId { get; set; } = "";
    public string Key { get; set; } = "";
    /// <summary>SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public string RequestHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }
}

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("IdempotencyRecords");
        record.HasKey(r => new { r.PartnerId, r.Key });
        record.Property(r => r.PartnerId).HasMaxLength(64);
        record.Property(r => r.Key).HasMaxLength(Idempotency.MaxKeyLength);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        record.Property(r => r.ContentType).HasMaxLength(100);
        record.HasIndex(r => r.CreatedAt); // the hourly sweep
    }
}

/// <summary>
/// "Idempotency-Key" on a partner POST: the same key with the same request returns the first answer without doing
/// anything twice; with a different request it is refused; while the first is still running a second is told to retry.
/// Keys are kept 24 hours. Server errors and transient refusals (409, 429) are not kept, so a retry runs again.
/// </summary>
public sealed class Idempotency(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(5);

    public async Task InvokeAsync(HttpContext context, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock)
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
        var now = clock.GetUtcNow();
        var (first, existing) = await ClaimAsync(contexts, new IdempotencyRecord { PartnerId = partnerId!, Key = key, RequestHash = hash, CreatedAt = now }, now);
        if (!first)
        {
            await AnswerAgainAsync(context, existing!, hash);
            return;
        }

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var keep = false;
        try
        {
            await next(context);
            var status = context.Response.StatusCode;
            keep = status < 500 && status is not (StatusCodes.Status409Conflict or StatusCodes.Status429TooManyRequests);
        }
        finally
        {
            context.Response.Body = original;
            captured.Position = 0;
            await captured.CopyToAsync(original);
            await using var db = await contexts.CreateDbContextAsync();
            var records = db.Set<IdempotencyRecord>().Where(r => r.PartnerId == partnerId && r.Key == key);
            if (keep)
            {
                var (status, type, body) = (context.Response.StatusCode, context.Response.ContentType, captured.ToArray());
                await records.ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, status).SetProperty(r => r.ContentType, type).SetProperty(r => r.Body, body));
            }
            else
            {
                await records.ExecuteDeleteAsync();
            }
        }
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

    /// <summary>Inserts the record (the primary key settles a race between two requests) or returns the one already there.</summary>
    private static async Task<(bool First, IdempotencyRecord? Existing)> ClaimAsync(
        IDbContextFactory<OpsDbContext> contexts, IdempotencyRecord record, DateTimeOffset now)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var records = db.Set<IdempotencyRecord>();
        // An expired key may be used again, and so may one whose first request never finished (the process stopped
        // mid-request): no request runs for minutes, and the partner would otherwise be told "retry" for a day.
        var (expiredBefore, abandonedBefore) = (now - KeptFor, now - AbandonedAfter);
        await records.Where(r => r.PartnerId == record.PartnerId && r.Key == record.Key
            && (r.CreatedAt < expiredBefore || (r.StatusCode == null && r.CreatedAt < abandonedBefore))).ExecuteDeleteAsync();
        // The primary key settles a race; losing it is expected, so the insert does nothing rather than fail (and log).
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "IdempotencyRecords" ("PartnerId", "Key", "RequestHash", "CreatedAt")
            VALUES ({record.PartnerId}, {record.Key}, {record.RequestHash}, {record.CreatedAt.UtcDateTime})
            ON CONFLICT DO NOTHING
            """);
        if (claimed == 1)
        {
            return (true, null);
        }
        var existing = await records.AsNoTracking().SingleOrDefaultAsync(r => r.PartnerId == record.PartnerId && r.Key == record.Key);
        return existing is null ? await ClaimAsync(contexts, record, now) : (false, existing);
    }

    private static Task AnswerAgainAsync(HttpContext context, IdempotencyRecord existing, string hash)
    {
        if (existing.RequestHash != hash)
        {
            return Envelope.Error(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused",
                $"This {Header} was already used with a different request. Use a new key for a new request.", Header).ExecuteAsync(context);
        }
        if (existing.StatusCode is not { } status)
        {
            context.Response.Headers.RetryAfter = "1";
            return Envelope.Error(StatusCodes.Status409Conflict, "idempotency_in_progress",
                $"A request with this {Header} is still being handled. Retry in a moment to get its answer.", Header).ExecuteAsync(context);
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = existing.ContentType;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        return context.Response.Body.WriteAsync(existing.Body ?? []).AsTask();
    }
}
