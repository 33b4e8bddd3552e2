using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Web.Features.Screening;

/// <summary>
/// The background half of a list import, on one instance at a time (a lease): reads a queued file whole (a file with
/// any unreadable line is refused and nothing of it is used), makes it the ready version of its list, then re-screens
/// every active and undecided customer against the lists now ready, in batches, saying how far it got.
/// </summary>
public sealed class ScreeningImports(
    IDbContextFactory<OpsDbContext> contexts, IDocumentStore store, Screener screener, AppInstance instance, TimeProvider clock,
    ILogger<ScreeningImports> logger) : Recurring(clock, logger)
{
    public const string Subject = "screening_list";
    private const string Lease = "screening-import";
    private const int Batch = 100;

    /// <summary>Who is re-screened after an import: anyone active or not yet decided.</summary>
    public static readonly CustomerStatus[] Rescreened =
        [CustomerStatus.Pending, CustomerStatus.NeedsInformation, CustomerStatus.UpdateRequested, CustomerStatus.OnHold, CustomerStatus.Active];

    // One round at a time in this instance (the lease is this instance's either way).
    private readonly SemaphoreSlim running = new(1, 1);

    protected override TimeSpan Interval => TimeSpan.FromSeconds(3);

    protected override Task RunAsync(CancellationToken stoppingToken) => RunOnceAsync(stoppingToken);

    /// <summary>Imports every queued file and finishes every re-screening due; returns how many lists it worked on.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await running.WaitAsync(cancellationToken);
        try
        {
            var worked = 0;
            while (await NextAsync(cancellationToken) is var (id, read) && id > 0)
            {
                await (read ? ImportAsync(id, cancellationToken) : RescreenAsync(id, cancellationToken));
                worked++;
            }
            return worked;
        }
        finally
        {
            running.Release();
        }
    }

    /// <summary>
    /// The oldest file to read (queued, or left half-read by an instance that stopped), else a ready list whose
    /// re-screening is not finished; id 0 when there is none or another instance has the work.
    /// </summary>
    private async Task<(int Id, bool Read)> NextAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var next = await db.Set<ScreeningList>().AsNoTracking()
            .Where(l => l.State == ScreeningListState.Queued || l.State == ScreeningListState.Reading
                || l.State == ScreeningListState.Ready && l.RescreenedAt == null)
            .OrderBy(l => l.Id).FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            await db.ReleaseAsync(Lease, instance, cancellationToken);
            return (0, false);
        }
        return await db.TryTakeAsync(Lease, instance, Clock.GetUtcNow(), TimeSpan.FromMinutes(10), cancellationToken)
            ? (next.Id, next.State != ScreeningListState.Ready) : (0, false);
    }

    private async Task ImportAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var list = await db.Set<ScreeningList>().SingleAsync(l => l.Id == id, cancellationToken);
        list.State = ScreeningListState.Reading;
        await db.SaveChangesAsync(cancellationToken);
        var content = await store.ReadAsync(list.FileHash, cancellationToken);
        var parsed = content is null
            ? new ParsedList([], [new ListProblem(0, "the uploaded file is missing from the document store")])
            : ListFiles.Read(new MemoryStream(content), lines => Progress(id, lines));
        var now = Clock.GetUtcNow();
        if (parsed.Entries.Count == 0 && parsed.IsClean)
        {
            parsed = new ParsedList([], [new ListProblem(0, "the file holds no person or company")]);
        }
        if (!parsed.IsClean)
        {
            list.State = ScreeningListState.Refused;
            list.ProblemCount = parsed.Problems.Count;
            list.Problems = string.Join('\n', parsed.Problems.Take(20).Select(p => p.Line > 0 ? $"line {p.Line}: {p.Reason}" : p.Reason));
            db.AuditEntries.Add(AuditEntry.Create(Actor.System, now, Subject, list.Label, null, "screening_list_refused", null, null,
                details: new { list = list.Name, list.Version, list.FileName, list.FileHash, problems = list.ProblemCount, first = parsed.Problems.Take(5) }));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("Screening list {List} refused: {Problems} unreadable lines", list.Label, list.ProblemCount);
            return;
        }
        var superseded = await db.Set<ScreeningList>().Where(l => l.Name == list.Name && l.State == ScreeningListState.Ready).ToListAsync(cancellationToken);
        superseded.ForEach(l => l.State = ScreeningListState.Superseded);
        (list.State, list.ReadyAt, list.Entries) = (ScreeningListState.Ready, now, parsed.Entries.Count);
        (list.Persons, list.Pep) = (parsed.Entries.Count(e => e.IsPerson), parsed.Entries.Count(e => e.IsPep));
        db.AuditEntries.Add(AuditEntry.Create(Actor.System, now, Subject, list.Label, null, "screening_list_imported", null, null,
            details: new { list = list.Name, list.Version, list.FileName, list.FileHash, list.Entries, list.Persons, pep = list.Pep,
                supersedes = superseded.Select(l => l.Label) }));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Screening list {List} imported: {Entries} entries", list.Label, list.Entries);
    }

    private void Progress(int id, int lines)
    {
        using var db = contexts.CreateDbContext();
        db.Set<ScreeningList>().Where(l => l.Id == id).ExecuteUpdate(s => s.SetProperty(l => l.LinesRead, lines));
    }

    /// <summary>
    /// Screens every active and undecided customer again, a batch per save. A customer changed meanwhile by someone
    /// else is read again and screened once more; screening is idempotent, so a restart simply runs it all again.
    /// </summary>
    private async Task RescreenAsync(int id, CancellationToken cancellationToken)
    {
        List<Guid> ids;
        IReadOnlyList<(ScreeningList List, Matcher Matcher)> lists;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.Customers.AsNoTracking().IgnoreAutoIncludes().Where(c => Rescreened.Contains(c.Status))
                .Select(c => c.Id).ToListAsync(cancellationToken);
            await db.Set<ScreeningList>().Where(l => l.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.RescreenTotal, ids.Count).SetProperty(l => l.RescreenDone, 0).SetProperty(l => l.RescreenHits, 0), cancellationToken);
            lists = await screener.ReadyAsync(db, cancellationToken);
        }
        var (done, raised) = (0, 0);
        foreach (var chunk in ids.Chunk(Batch))
        {
            var batch = System.Diagnostics.Stopwatch.StartNew();
            raised += await RescreenBatchAsync(chunk, lists, cancellationToken);
            done += chunk.Length;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.TryTakeAsync(Lease, instance, Clock.GetUtcNow(), TimeSpan.FromMinutes(10), cancellationToken);
            await db.Set<ScreeningList>().Where(l => l.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.RescreenDone, done).SetProperty(l => l.RescreenHits, raised), cancellationToken);
            // Matching fills both cores: a pause of half the batch's time leaves a third of it to the people using the app.
            await Task.Delay(batch.Elapsed / 2, cancellationToken);
        }
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var list = await db.Set<ScreeningList>().SingleAsync(l => l.Id == id, cancellationToken);
            list.RescreenedAt = Clock.GetUtcNow();
            db.AuditEntries.Add(AuditEntry.Create(Actor.System, list.RescreenedAt.Value, Subject, list.Label, null, "screening_list_rescreened", null, null,
                details: new { list = list.Name, list.Version, customers = done, newHits = raised }));
            await db.SaveChangesAsync(cancellationToken);
        }
        logger.LogInformation("Re-screened {Customers} customers after {List}: {Hits} new hits", done, id, raised);
    }

    /// <summary>Screens one batch; returns how many of its customers got a new undecided hit.</summary>
    private async Task<int> RescreenBatchAsync(Guid[] ids, IReadOnlyList<(ScreeningList List, Matcher Matcher)> lists, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var customers = await db.Customers.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
            var now = Clock.GetUtcNow();
            var raised = 0;
            var screened = customers.Where(c => Rescreened.Contains(c.Status)).ToList();
            // Matching is the CPU's work and each customer its own: two at a time, while the batch's save is one.
            Parallel.ForEach(screened, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, customer =>
            {
                var open = customer.OpenHits;
                screener.Screen(customer, lists, now);
                if (customer.OpenHits > open)
                {
                    Interlocked.Increment(ref raised);
                }
            });
            await Risk.RiskAssessor.AssessAsync(db, screened, now, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return raised;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Someone decided one of them meanwhile: read the batch again and screen it as it is now.
            }
        }
    }
}
