using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Web.Api;
using Onboarding.Ops.Web.Features.Hosted;
using Onboarding.Ops.Web.Hosting;

namespace Onboarding.Ops.Web.Data;

/// <summary>
/// Every hour, deletes what is kept only for a while: partners' idempotency answers once their 24 hours are over, and
/// hosted-form drafts (personal data an end user typed but never sent) once no link can open them any more.
/// </summary>
public sealed class Housekeeping(IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, ILogger<Housekeeping> logger)
    : Recurring(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task<(int Answers, int Drafts)> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = Clock.GetUtcNow();
        var expiredBefore = now - Idempotency.KeptFor;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var answers = await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < expiredBefore).ExecuteDeleteAsync(cancellationToken);
        var drafts = await db.Set<HostedDraft>()
            .Where(d => !db.Customers.Any(c => c.Id == d.CustomerId && c.VerificationLinkExpiresAt > now))
            .ExecuteDeleteAsync(cancellationToken);
        return (answers, drafts);
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        if (await SweepAsync(stoppingToken) is var (answers, drafts) && answers + drafts > 0)
        {
            Logger.LogInformation("Deleted {Answers} expired idempotency answers and {Drafts} hosted drafts no link opens", answers, drafts);
        }
    }
}
