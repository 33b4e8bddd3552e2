using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Benchmarks;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Features.Reports;
using Onboarding.Ops.Web.Hosting;
using Onboarding.Ops.Web.Identity;

// Usage: dotnet run -c Release --project tests/Onboarding.Ops.Benchmarks -- [sizes...] [--runs N] [--folder DIR] [--postgres SERVER] [--only NAME-PREFIX]
// Builds (or reuses) a database per size (SQLite files, or databases ops_bench_SIZE on the PostgreSQL server) and prints
// median and p95 per query, as a Markdown table; on PostgreSQL also the main queue query's plan (EXPLAIN ANALYZE).
if (args.Contains("--screening"))
{
    // dotnet run -c Release --project tests/Onboarding.Ops.Benchmarks -- --screening 1000000 [--runs N]
    ScreeningBenchmark.Run(int.Parse(ArgValue("--screening")!), ArgValue("--runs") is { } n ? int.Parse(n) : 1000);
    return;
}
var sizes = args.TakeWhile(a => !a.StartsWith("--")).Select(int.Parse).DefaultIfEmpty(10_000).ToList();
var runs = ArgValue("--runs") is { } r ? int.Parse(r) : 30;
var folder = ArgValue("--folder") ?? Path.Combine(Path.GetTempPath(), "onboarding-ops-bench");
var server = ArgValue("--postgres");
var only = ArgValue("--only");
Directory.CreateDirectory(folder);
var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
var today = DateOnly.FromDateTime(now.UtcDateTime);

if (ArgValue("--rescreen") is { } rescreened)
{
    // dotnet run -c Release --project tests/Onboarding.Ops.Benchmarks -- --rescreen 100000 [--list 1000000]
    var customers = int.Parse(rescreened);
    await using var provider = Services(DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(
        new Dictionary<string, string?> { ["Database:Path"] = Path.Combine(folder, $"bench-{customers}.db") }).Build(), folder));
    await RescreenBenchmark.RunAsync(provider, customers, ArgValue("--list") is { } l ? int.Parse(l) : 1_000_000, now);
    return;
}

var results = new Dictionary<string, Dictionary<int, (double Median, double P95)>>();
foreach (var size in sizes)
{
    await using var provider = Services(server is null
        ? DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Database:Path"] = Path.Combine(folder, $"bench-{size}.db") }).Build(), folder)
        : new DatabaseSettings(DatabaseProvider.PostgreSQL, $"{server};Database={await PostgresDatabaseAsync(server, size)}"));
    var contexts = provider.GetRequiredService<IDbContextFactory<OpsDbContext>>();
    Guid longHistory;
    await using (var db = await contexts.CreateDbContextAsync())
    {
        await db.Database.MigrateAsync();
        if (server is null)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        // As the app's migrate step does: entries written before the audit chains are chained once.
        var chaining = Stopwatch.StartNew();
        if (await AuditChaining.ChainUnchainedAsync(db) is > 0 and var chained)
        {
            Console.Error.WriteLine($"{chained:N0} audit entries chained in {chaining.Elapsed.TotalSeconds:N0} s");
        }
        var existing = await db.Customers.Where(c => c.PartnerReference == "REF-LONG").Select(c => (Guid?)c.Id).SingleOrDefaultAsync();
        if (existing is { } id)
        {
            longHistory = id;
        }
        else
        {
            var build = Stopwatch.StartNew();
            longHistory = await Population.FillAsync(contexts.CreateDbContext, size, now);
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
            Console.Error.WriteLine($"{size:N0} customers built in {build.Elapsed.TotalSeconds:N0} s");
        }
    }

    var sample = await Sample(contexts);
    var held = new Queue<Guid>();
    var queries = new (string Name, Func<IServiceProvider, Task> Run)[]
    {
        ("view: needs review, first page", s => Page(s, new QueueFilter())),
        ("view: waiting on customer, first page", s => Page(s, new QueueFilter { View = QueueView.WaitingOnCustomer })),
        ("view: on hold, first page", s => Page(s, new QueueFilter { View = QueueView.OnHold })),
        ("view: rejected, first page", s => Page(s, new QueueFilter { View = QueueView.Rejected })),
        ("view: active, first page", s => Page(s, new QueueFilter { View = QueueView.Active })),
        ("view: all, first page", s => Page(s, new QueueFilter { View = QueueView.All })),
        ("deep page (page 200) of all", s => Page(s, new QueueFilter { View = QueueView.All, Page = 199 })),
        ("view counts (all six)", s => s.GetRequiredService<CustomerQueue>().CountsAsync()),
        ("filter: status", s => Page(s, new QueueFilter { View = QueueView.All, Status = CustomerStatus.NeedsInformation })),
        ("filter: type", s => Page(s, new QueueFilter { Type = CustomerType.Business })),
        ("filter: level", s => Page(s, new QueueFilter { View = QueueView.Active, Level = VerificationLevel.Minimum })),
        ("filter: verification model", s => Page(s, new QueueFilter { Model = VerificationModel.Hosted })),
        ("filter: partner", s => Page(s, new QueueFilter { View = QueueView.All, PartnerId = "colibri-remesas" })),
        ("filter: SLA overdue", s => Page(s, new QueueFilter { Sla = SlaState.Overdue })),
        ("filter: created date range (sorted by created, as the page does)", s => Page(s, new QueueFilter
        {
            View = QueueView.All, CreatedFrom = new DateOnly(2026, 11, 1), CreatedTo = new DateOnly(2026, 11, 7), Sort = QueueSort.Created,
        })),
        ("search: email", s => Page(s, new QueueFilter { View = QueueView.All, Search = sample.Email })),
        ("search: national id", s => Page(s, new QueueFilter { View = QueueView.All, Search = sample.NationalId })),
        ("search: partner reference", s => Page(s, new QueueFilter { View = QueueView.All, Search = sample.Reference })),
        ("search: customer id", s => Page(s, new QueueFilter { View = QueueView.All, Search = sample.Id.ToString() })),
        ("search: name prefix", s => Page(s, new QueueFilter { View = QueueView.All, Search = sample.NamePrefix })),
        ("sort: waiting time, newest first", s => Page(s, new QueueFilter { Descending = true })),
        ("sort: name", s => Page(s, new QueueFilter { View = QueueView.All, Sort = QueueSort.Name })),
        ("reports: last 30 days", s => Reports(s, new ReportPeriod(today.AddDays(-29), today))),
        ("reports: last 30 days, one partner", s => Reports(s, new ReportPeriod(today.AddDays(-29), today, "colibri-remesas"))),
        ("reports: last 90 days", s => Reports(s, new ReportPeriod(today.AddDays(-89), today))),
        // A reviewer's decision as the page makes it (policy, stale check, claim, verb, save with its audit entries):
        // each run holds the next customer waiting for review, then releases it again.
        ("decision: put on hold", s => Decide(s, held.Enqueue, (d, c) => d.HoldAsync(c.Id, c.Version, "Benchmark", null))),
        ("decision: release from hold", s => Decide(s, _ => { }, (d, c) => d.ReleaseAsync(c.Id, c.Version, "Benchmark"), held.Dequeue())),
        ("customer page (5,000 history entries)", async s =>
        {
            var record = s.GetRequiredService<CustomerRecord>();
            await record.GetAsync(longHistory);
            await record.HistoryAsync(longHistory, null);
        }),
    };
    if (queries.Any(q => q.Name.StartsWith("reports") && (only is null || q.Name.StartsWith(only))))
    {
        // The app keeps each closed day's tallies in the background; on a database built before, that is done once here.
        var rolling = Stopwatch.StartNew();
        var days = await provider.GetRequiredService<ReportRollups>().RollUpAsync();
        Console.Error.WriteLine($"report tallies kept for {days} days in {rolling.Elapsed.TotalSeconds:N1} s");
    }
    foreach (var (name, run) in queries.Where(q => only is null || q.Name.StartsWith(only)))
    {
        var timings = new List<double>();
        for (var i = 0; i < runs + 3; i++)
        {
            await using var scope = provider.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            await run(scope.ServiceProvider);
            if (i >= 3)
            {
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        timings.Sort();
        results.TryAdd(name, []);
        results[name][size] = (timings[timings.Count / 2], timings[(int)Math.Ceiling(timings.Count * 0.95) - 1]);
    }

    if (server is not null)
    {
        // The plan PostgreSQL picks for the main queue view's page, on this size.
        await using var scope = provider.CreateAsyncScope();
        await using var db = await contexts.CreateDbContextAsync();
        await using var command = scope.ServiceProvider.GetRequiredService<CustomerQueue>().PageQuery(db, new QueueFilter(), now).CreateDbCommand();
        command.CommandText = "EXPLAIN ANALYZE " + command.CommandText;
        await db.Database.OpenConnectionAsync();
        await using var reader = await command.ExecuteReaderAsync();
        Console.Error.WriteLine($"Main queue page at {size:N0} customers:");
        while (await reader.ReadAsync())
        {
            Console.Error.WriteLine("    " + reader.GetString(0));
        }
    }
}

Console.WriteLine($"| query | {string.Join(" | ", sizes.Select(s => $"{s:N0}: median / p95 (ms)"))} |");
Console.WriteLine($"|---|{string.Concat(sizes.Select(_ => "---|"))}");
foreach (var (name, bySize) in results)
{
    Console.WriteLine($"| {name} | {string.Join(" | ", sizes.Select(s => $"{bySize[s].Median:N1} / {bySize[s].P95:N1}"))} |");
}

// The size's database on the server, created when missing (and then filled by the loop).
static async Task<string> PostgresDatabaseAsync(string server, int size)
{
    var name = $"ops_bench_{size}";
    await using var connection = new Npgsql.NpgsqlConnection(server + ";Database=postgres");
    await connection.OpenAsync();
    await using var exists = new Npgsql.NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{name}'", connection);
    if (await exists.ExecuteScalarAsync() is null)
    {
        await new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection).ExecuteNonQueryAsync();
    }
    return name;
}

string? ArgValue(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static Task Page(IServiceProvider services, QueueFilter filter) => services.GetRequiredService<CustomerQueue>().PageAsync(filter);

// The decision on the given customer, or on the oldest unassigned one waiting for review; the customer decided is handed on.
static async Task Decide(IServiceProvider services, Action<Guid> decided,
    Func<CustomerDecisions, (Guid Id, int Version), Task<DecisionResult>> decide, Guid? id = null)
{
    await using var db = await services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContextAsync();
    var customer = await (id is { } given ? db.Customers.Where(c => c.Id == given)
            : CustomerQueue.InView(db.Customers, QueueView.NeedsReview, services.GetRequiredService<TimeProvider>().GetUtcNow())
                .Where(c => c.AssigneeId == null).OrderBy(c => c.WaitingSince))
        .Select(c => new { c.Id, c.Version }).FirstAsync();
    var result = await decide(services.GetRequiredService<CustomerDecisions>(), (customer.Id, customer.Version));
    if (!result.Succeeded)
    {
        throw new InvalidOperationException(result.Message);
    }
    decided(customer.Id);
}

static Task Reports(IServiceProvider services, ReportPeriod period) => services.GetRequiredService<OpsReports>().BuildAsync(period);

static async Task<(Guid Id, string Email, string NationalId, string Reference, string NamePrefix)> Sample(IDbContextFactory<OpsDbContext> contexts)
{
    await using var db = await contexts.CreateDbContextAsync();
    var c = await db.Customers.Where(c => c.Type == CustomerType.Individual).OrderBy(c => c.CreatedAt).Skip(100).FirstAsync();
    return (c.Id, c.Email!, c.NationalId!, c.PartnerReference!, c.Name[..6]);
}

ServiceProvider Services(DatabaseSettings database)
{
    var configuration = new ConfigurationBuilder().Build();
    var services = new ServiceCollection();
    services.AddLogging();
    services.AddOpsDatabase(database);
    services.AddSingleton<TimeProvider>(new FixedClock(now));
    services.AddOpsDomain(configuration);
    // Identity configured exactly as the app does, or EF builds another model (STACK.md, trap 5).
    services.AddOpsIdentity(configuration, isDevelopment: false);
    services.AddSingleton<AuthenticationStateProvider>(new Admin());
    services.AddScoped<CustomerQueue>();
    services.AddScoped<CustomerRecord>();
    services.AddScoped<OpsReports>();
    services.AddSingleton<ReportTallies>();
    services.AddSingleton<ReportRollups>();
    services.AddScoped<CustomerDecisions>();
    services.AddSingleton<CustomerActivity>();
    services.AddSingleton(AppInstance.New());
    services.AddSingleton<IActivityBus, NoActivityBus>();
    services.AddSingleton<IDocumentStore>(new FolderDocumentStore(Path.Combine(folder, "documents")));
    services.AddSingleton<Onboarding.Ops.Web.Features.Screening.Screener>();
    services.AddSingleton<Onboarding.Ops.Web.Features.Screening.ScreeningImports>();
    return services.BuildServiceProvider();
}

/// <summary>The benchmark reads as an admin, through the same services and policy checks as the pages.</summary>
sealed class Admin : AuthenticationStateProvider
{
    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(new ClaimsPrincipal(
        new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "bench"), new Claim(ClaimTypes.Role, StaffRoles.Admin)], "bench"))));
}

sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
