using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Hosted;

namespace Onboarding.Ops.Web.Features.Retention;

/// <summary>
/// Every hour, deletes what is kept only for a while: partners' idempotency answers once their 24 hours are over,
/// rate-limit counts of windows long over,
/// hosted-form drafts (personal data an end user typed but never sent) once no link can open them any more, and
/// uploaded files (identity documents) that no document, draft or screening list refers to.
/// </summary>
public sealed class Housekeeping(
    IDbContextFactory<OpsDbContext> contexts, IDocumentStore store, AppInstance instance, TimeProvider clock, ILogger<Housekeeping> logger)
    : Recurring(clock, logger)
{
    /// <summary>
    /// A file is stored before the document or draft that refers to it is saved (an API upload, a photo chosen in the
    /// hosted form and not yet sent); nothing takes two days between the two.
    /// </summary>
    public static readonly TimeSpan UnreferencedFileGrace = TimeSpan.FromDays(2);

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    /// <summary>One sweep, by one app instance at a time (the others find the lease taken and sweep nothing).</summary>
    public async Task<(int Answers, int Drafts, int Files)> SweepAsync(CancellationToken cancellationToken = default)
    {
        const string lease = "housekeeping";
        var now = Clock.GetUtcNow();
        var expiredBefore = now - IdempotencyRecord.KeptFor;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.TryTakeAsync(lease, instance, now, TimeSpan.FromMinutes(30), cancellationToken))
        {
            return (0, 0, 0);
        }
        var answers = await IdempotencyStore.DeleteOlderThanAsync(db, expiredBefore, cancellationToken);
        await RateCounts.DeleteOlderThanAsync(db, now.AddHours(-1), cancellationToken);
        var drafts = await db.Set<HostedDraft>()
            .Where(d => !db.Customers.Any(c => c.Id == d.CustomerId && c.VerificationLinkExpiresAt > now))
            .ExecuteDeleteAsync(cancellationToken);
        var files = await SweepFilesAsync(db, now, cancellationToken);
        await db.ReleaseAsync(lease, instance, cancellationToken);
        return (answers, drafts, files);
    }

    private async Task<int> SweepFilesAsync(OpsDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = store.List().Where(f => f.StoredAt < now - UnreferencedFileGrace).Select(f => f.Hash).ToList();
        if (candidates.Count == 0)
        {
            return 0;
        }
        var files = await db.Set<Domain.Customers.Document>().Select(d => new { d.File, d.Back }).ToListAsync(cancellationToken);
        var drafts = await db.Set<HostedDraft>().ToListAsync(cancellationToken);
        var lists = await db.Set<ScreeningList>().Select(l => l.FileHash).ToListAsync(cancellationToken);
        var referenced = files.SelectMany(d => new[] { d.File?.Hash, d.Back?.Hash }).OfType<string>()
            .Concat(drafts.SelectMany(HostedFlow.FilesOf)).Concat(lists).ToHashSet();
        var unreferenced = candidates.Where(hash => !referenced.Contains(hash)).ToList();
        foreach (var hash in unreferenced)
        {
            await store.DeleteAsync(hash, cancellationToken);
        }
        return unreferenced.Count;
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        if (await SweepAsync(stoppingToken) is var (answers, drafts, files) && answers + drafts + files > 0)
        {
            Logger.LogInformation("Deleted {Answers} expired idempotency answers, {Drafts} hosted drafts no link opens and {Files} files nothing refers to",
                answers, drafts, files);
        }
    }
}
