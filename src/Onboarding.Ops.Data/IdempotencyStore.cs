using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Onboarding.Ops.Data;

/// <summary>The first answer to a partner's POST carrying an Idempotency-Key, kept to be given again for the same request.</summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 255;
    /// <summary>How long an answer is kept for replay.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

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
        record.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        record.Property(r => r.ContentType).HasMaxLength(100);
        record.HasIndex(r => r.CreatedAt); // the hourly sweep
    }
}

/// <summary>The idempotency keys' table: claimed by the first request, then answered, or let go for a retry.</summary>
public static class IdempotencyStore
{
    /// <summary>
    /// Inserts the record (the primary key settles a race between two requests) or returns the one already there. A
    /// key past <paramref name="keptFor"/>, or whose first request never finished within <paramref name="abandonedAfter"/>
    /// (the process stopped mid-request), may be used again.
    /// </summary>
    public static async Task<(bool First, IdempotencyRecord? Existing)> ClaimAsync(
        IDbContextFactory<OpsDbContext> contexts, IdempotencyRecord record, TimeSpan keptFor, TimeSpan abandonedAfter)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var records = db.Set<IdempotencyRecord>();
        var (expiredBefore, abandonedBefore) = (record.CreatedAt - keptFor, record.CreatedAt - abandonedAfter);
        await records.Where(r => r.PartnerId == record.PartnerId && r.Key == record.Key
            && (r.CreatedAt < expiredBefore || (r.StatusCode == null && r.CreatedAt < abandonedBefore))).ExecuteDeleteAsync();
        // Losing the race is expected, so the insert does nothing rather than fail (and log).
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
        return existing is null ? await ClaimAsync(contexts, record, keptFor, abandonedAfter) : (false, existing);
    }

    /// <summary>Keeps the first request's answer for replay.</summary>
    public static async Task KeepAnswerAsync(IDbContextFactory<OpsDbContext> contexts, string partnerId, string key, int status, string? contentType, byte[] body)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await Of(db, partnerId, key).ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, status)
            .SetProperty(r => r.ContentType, contentType).SetProperty(r => r.Body, body));
    }

    /// <summary>Lets the key go, so a retry runs again.</summary>
    public static async Task ReleaseAsync(IDbContextFactory<OpsDbContext> contexts, string partnerId, string key)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await Of(db, partnerId, key).ExecuteDeleteAsync();
    }

    /// <summary>Answers older than <paramref name="before"/>, deleted by the housekeeping sweep; how many.</summary>
    public static Task<int> DeleteOlderThanAsync(OpsDbContext db, DateTimeOffset before, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);

    private static IQueryable<IdempotencyRecord> Of(OpsDbContext db, string partnerId, string key) =>
        db.Set<IdempotencyRecord>().Where(r => r.PartnerId == partnerId && r.Key == key);
}
