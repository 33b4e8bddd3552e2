using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Onboarding.Ops.Data;

/// <summary>
/// Requests counted per key (an API key, an address) and fixed window, in the database, so every app instance draws
/// on one budget. Old windows are deleted by the housekeeping sweep.
/// </summary>
public sealed class RateCount
{
    public string Key { get; set; } = "";
    public DateTimeOffset WindowStart { get; set; }
    public int Count { get; set; }
}

public sealed class RateCountConfiguration : IEntityTypeConfiguration<RateCount>
{
    public void Configure(EntityTypeBuilder<RateCount> count)
    {
        count.ToTable("RateCounts");
        count.HasKey(c => new { c.Key, c.WindowStart });
        count.Property(c => c.Key).HasMaxLength(200);
        count.HasIndex(c => c.WindowStart); // the sweep
    }
}

public static class RateCounts
{
    /// <summary>Counts one more request in the key's window and returns the window's count so far: one statement.</summary>
    public static async Task<int> CountOneAsync(this OpsDbContext db, string key, DateTimeOffset windowStart, CancellationToken cancellationToken = default) =>
        (await db.Database.SqlQuery<int>($"""
            INSERT INTO "RateCounts" ("Key", "WindowStart", "Count") VALUES ({key}, {windowStart.UtcDateTime}, 1)
            ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Count" = "RateCounts"."Count" + 1
            RETURNING "Count" AS "Value"
            """).ToListAsync(cancellationToken)).Single();

    /// <summary>Windows that ended before <paramref name="before"/>, deleted by the housekeeping sweep; how many.</summary>
    public static Task<int> DeleteOlderThanAsync(OpsDbContext db, DateTimeOffset before, CancellationToken cancellationToken) =>
        db.Set<RateCount>().Where(c => c.WindowStart < before).ExecuteDeleteAsync(cancellationToken);
}
