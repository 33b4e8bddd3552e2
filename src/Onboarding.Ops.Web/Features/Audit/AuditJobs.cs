using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Audit;

namespace Onboarding.Ops.Web.Features.Audit;

/// <summary>
/// The trail's background work, by one instance at a time: a checkpoint every <c>Audit:CheckpointMinutes</c> (when
/// anything was written since the last), and the whole trail verified every <c>Audit:VerifyHours</c> (and at start-up,
/// when no run is recent), its result on the admin's Audit integrity page.
/// </summary>
public sealed class AuditJobs(
    IDbContextFactory<OpsDbContext> contexts, AuditVerifier verifier, AppInstance instance, IConfiguration configuration,
    TimeProvider clock, ILogger<AuditJobs> logger)
    : Recurring(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Audit:CheckpointMinutes", 5)));

    private TimeSpan VerifyEvery => TimeSpan.FromHours(Math.Max(1, configuration.GetValue("Audit:VerifyHours", 24)));

    /// <summary>Writes a checkpoint over what was written since the last one; null when there was nothing new.</summary>
    public async Task<AuditCheckpoint?> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        const string lease = "audit-checkpoint";
        var now = Clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.TryTakeAsync(lease, instance, now, TimeSpan.FromMinutes(30), cancellationToken))
        {
            return null;
        }
        try
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            return await AuditCheckpoints.WriteAsync(db, now, cancellationToken);
        }
        finally
        {
            await db.ReleaseAsync(lease, instance, CancellationToken.None);
        }
    }

    /// <summary>Verifies the trail when the last run is older than <c>Audit:VerifyHours</c>; null when not due or another instance is at it.</summary>
    public async Task<AuditVerificationRun?> VerifyIfDueAsync(CancellationToken cancellationToken = default)
    {
        const string lease = "audit-verify";
        var now = Clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = await db.Set<AuditVerificationRun>().MaxAsync(r => (DateTimeOffset?)r.StartedAt, cancellationToken);
        if (last > now - VerifyEvery || !await db.TryTakeAsync(lease, instance, now, TimeSpan.FromHours(2), cancellationToken))
        {
            return null;
        }
        try
        {
            return await verifier.VerifyAsync("schedule", cancellationToken: cancellationToken);
        }
        finally
        {
            await db.ReleaseAsync(lease, instance, CancellationToken.None);
        }
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        if (await CheckpointAsync(stoppingToken) is { } checkpoint)
        {
            Logger.LogInformation("Audit checkpoint {Sequence} sealed {Chains} chains through entry {Through}: {Hash}",
                checkpoint.Sequence, checkpoint.ChainCount, checkpoint.ThroughEntryId, checkpoint.Hash);
        }
        if (await VerifyIfDueAsync(stoppingToken) is { Passed: true } run)
        {
            Logger.LogInformation("Audit trail verified: {Entries} entries in {Chains} chains, {Checkpoints} checkpoints",
                run.Entries, run.Chains, run.Checkpoints);
        }
    }
}
