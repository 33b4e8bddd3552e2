using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Features.Screening;

namespace Onboarding.Ops.Benchmarks;

/// <summary>
/// Re-screening after an import (issue 20's target: 100,000 customers within 10 minutes, the queue page within 1.5× of
/// its idle latency meanwhile): a generated list is imported as an admin would, the background work reads it and
/// screens every active and undecided customer again, while the first page of the review queue is asked for again
/// and again, as a reviewer's screen would.
/// </summary>
public static class RescreenBenchmark
{
    public static async Task RunAsync(IServiceProvider services, int customers, int listSize, DateTimeOffset now)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<OpsDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            if (!await db.Customers.AnyAsync())
            {
                Console.Error.WriteLine($"Filling {customers:N0} customers…");
                await Population.FillAsync(contexts.CreateDbContext, customers, now);
            }
            await db.Set<ScreeningList>().ExecuteDeleteAsync();
            // A run stopped half-way leaves its lease; this one is the only worker.
            await db.Set<Lease>().ExecuteDeleteAsync();
        }
        // A few of the population's names are listed too, so the run raises hits as a real one does.
        var entries = ScreeningBenchmark.Entries(listSize);
        entries.AddRange(new[] { "Camila Restrepo", "Hugo Santos", "Zofia Nowak" }.Select((name, i) =>
            new Onboarding.Ops.Web.Features.Screening.ListEntry($"bench-listed-{i}", "Person", [name], [], [], [], ["Generated"], "bench", false)));
        var content = ScreeningBenchmark.SimpleCsv(entries);
        var store = services.GetRequiredService<IDocumentStore>();

        var idle = await QueueLatencyAsync(services, () => false, runs: 60);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Add(new ScreeningList
            {
                Name = "Generated", Version = 1, FileName = "generated.csv", FileHash = await store.SaveAsync(content), FileBytes = content.Length,
                ImportedAt = now, ImportedBy = "bench", State = ScreeningListState.Queued,
            });
            await db.SaveChangesAsync();
        }
        var total = Stopwatch.StartNew();
        var work = services.GetRequiredService<ScreeningImports>().RunOnceAsync();
        var busy = await QueueLatencyAsync(services, () => work.IsCompleted, runs: int.MaxValue);
        await work;
        total.Stop();

        await using var after = await contexts.CreateDbContextAsync();
        var list = await after.Set<ScreeningList>().SingleAsync();
        if (list.State != ScreeningListState.Ready || list.RescreenedAt is null)
        {
            throw new InvalidOperationException($"The import did not finish: the list is {list.State}.");
        }
        Console.WriteLine($"| re-screening | list entries | file | customers screened | with a new hit | import and re-screening | queue page idle (median / p95) | during (median / p95) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| after an import | {list.Entries:N0} | {content.Length / 1024.0 / 1024:N0} MB | {list.RescreenDone:N0} | {list.RescreenHits:N0} | "
            + $"{total.Elapsed.TotalMinutes:N1} min | {idle.Median:N0} / {idle.P95:N0} ms | {busy.Median:N0} / {busy.P95:N0} ms |");
    }

    /// <summary>The first page of the review queue, asked for one after another (a pause between) until done.</summary>
    private static async Task<(double Median, double P95)> QueueLatencyAsync(IServiceProvider services, Func<bool> done, int runs)
    {
        var times = new List<double>();
        for (var i = 0; i < runs && !done(); i++)
        {
            await using var scope = services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            await scope.ServiceProvider.GetRequiredService<CustomerQueue>().PageAsync(new QueueFilter());
            times.Add(watch.Elapsed.TotalMilliseconds);
            await Task.Delay(250);
        }
        times.Sort();
        return times.Count == 0 ? (0, 0) : (times[times.Count / 2], times[(int)(times.Count * 0.95)]);
    }
}
