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
    /// <summary>Always set now; null only in a claim left by an earlier version (treated as free).</summary>
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

/// <summary>
/// The idempotency keys' table. The claim, the request's change and its answer are written in one transaction (see
/// <see cref="OpsContexts"/>), so a key is either answered or free; the primary key settles two requests at once.
/// </summary>
public static class IdempotencyStore
{
    /// <summary>
    /// Inserts the record or returns the one already there. On PostgreSQL a claim still uncommitted elsewhere makes the
    /// insert wait for that transaction, so the answer found is final. A key past <paramref name="keptFor"/>, or a claim
    /// without an answer (left by a version that claimed keys in a transaction of their own), may be used again.
    /// </summary>
    public static async Task<(bool First, IdempotencyRecord? Existing)> ClaimAsync(OpsDbContext db, IdempotencyRecord record, TimeSpan keptFor)
    {
        var expiredBefore = record.CreatedAt - keptFor;
        await Of(db, record.PartnerId, record.Key).Where(r => r.CreatedAt < expiredBefore || r.StatusCode == null).ExecuteDeleteAsync();
        // Losing the race is expected, so the insert does nothing rather than fail (and log).
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "IdempotencyRecords" ("PartnerId", "Key", "RequestHash", "CreatedAt")
            VALUES ({record.PartnerId}, {record.Key}, {record.RequestHash}, {record.CreatedAt.UtcDateTime})
            ON CONFLICT DO NOTHING
            """);
        return claimed == 1 ? (true, null) : (false, await Of(db, record.PartnerId, record.Key).AsNoTracking().SingleAsync());
    }

    /// <summary>Keeps the first request's answer for replay.</summary>
    public static Task KeepAnswerAsync(OpsDbContext db, string partnerId, string key, int status, string? contentType, byte[] body) =>
        Of(db, partnerId, key).ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, status)
            .SetProperty(r => r.ContentType, contentType).SetProperty(r => r.Body, body));

    /// <summary>Answers older than <paramref name="before"/>, deleted by the housekeeping sweep; how many.</summary>
    public static Task<int> DeleteOlderThanAsync(OpsDbContext db, DateTimeOffset before, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);

    private static IQueryable<IdempotencyRecord> Of(OpsDbContext db, string partnerId, string key) =>
        db.Set<IdempotencyRecord>().Where(r => r.PartnerId == partnerId && r.Key == key);
}
