using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Hosting;

/// <summary>
/// A fixed-window limit whose count is kept in the database (<see cref="RateCounts"/>), so several app instances share
/// one budget per key. The rate-limiting middleware first tries to acquire without waiting; this limiter answers that
/// it must ask, so the count is made in <see cref="AcquireAsyncCore"/>, one statement per request.
/// </summary>
public sealed class SharedWindowLimiter(IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, string key, int permits, TimeSpan window)
    : RateLimiter
{
    private long lastUsed = clock.GetTimestamp();

    /// <summary>The partitioned limiter drops this one (its count stays in the database) once unused for a while.</summary>
    public override TimeSpan? IdleDuration => clock.GetElapsedTime(Interlocked.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.AskTheDatabase;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsed, clock.GetTimestamp());
        var now = clock.GetUtcNow();
        var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % window.Ticks, TimeSpan.Zero);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CountOneAsync(key, start, cancellationToken) <= permits ? Lease.Granted : Lease.Refused(start + window - now);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease AskTheDatabase = new(false, null);
        public static readonly Lease Granted = new(true, null);

        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
