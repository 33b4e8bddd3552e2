using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Hosting;
using Onboarding.Ops.Web.Identity;

// Usage (after `dotnet build -c Release`):
//   dotnet run -c Release --project tests/Onboarding.Ops.Load -- [--postgres SERVER-CONNECTION] [--seconds 10] [--clients 1,10,50] [--only SETUP]
// Runs the published app as separate processes, the rate limit raised: SQLite with one instance, and with --postgres
// PostgreSQL with one instance and two behind the proxy. For each: POST /api/v1/customers (with an Idempotency-Key, as
// partners send it) and GET /api/v1/customers/{id}
// at each number of concurrent clients for the given seconds; prints throughput, median and p95, and the app's CPU
// time per request (all instances' processes, from /proc). Then a reviewer in Debian's Chromium switches queue views
// (click to new rows), idle and while 50 partner clients create customers, and a second table compares the two.
// --only runs the setups whose name starts with SETUP ("SQLite", "PostgreSQL, 1", "PostgreSQL, 2").
var seconds = int.Parse(Arg("--seconds") ?? "10");
var clients = (Arg("--clients") ?? "1,10,50").Split(',').Select(int.Parse).ToArray();
var server = Arg("--postgres");
var root = FindRoot();
var web = Path.Combine(root, "src/Onboarding.Ops.Web/bin/Release/net10.0/Onboarding.Ops.Web.dll");
var proxyDll = Path.Combine(root, "src/Onboarding.Ops.Proxy/bin/Release/net10.0/Onboarding.Ops.Proxy.dll");

var setups = new List<(string Name, DatabaseProvider Provider, int Instances)> { ("SQLite, 1 instance", DatabaseProvider.Sqlite, 1) };
if (server is not null)
{
    setups.Add(("PostgreSQL, 1 instance", DatabaseProvider.PostgreSQL, 1));
    setups.Add(("PostgreSQL, 2 instances + proxy", DatabaseProvider.PostgreSQL, 2));
}
if (Arg("--only") is { } only)
{
    setups.RemoveAll(s => !s.Name.StartsWith(only, StringComparison.OrdinalIgnoreCase));
}

Console.WriteLine($"| setup | operation | clients | requests/s | median ms | p95 ms | server CPU ms/request |");
Console.WriteLine($"|---|---|---|---|---|---|---|");
var reviewer = new List<string>();
foreach (var setup in setups)
{
    var folder = Directory.CreateTempSubdirectory("ops-load-").FullName;
    var settings = new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DemoData__Customers"] = "300", ["PartnerApi__RequestsPerMinute"] = "100000000",
        ["Database__MigrateOnStartup"] = "false", ["Logging__LogLevel__Default"] = "Warning", ["Documents__Path"] = Path.Combine(folder, "documents"),
    };
    if (setup.Provider == DatabaseProvider.Sqlite)
    {
        settings["Database__Path"] = Path.Combine(folder, "ops.db");
    }
    else
    {
        var name = "ops_load_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(server + ";Database=postgres"))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
        }
        settings["Database__Provider"] = "PostgreSQL";
        settings["Database__ConnectionString"] = $"{server};Database={name};Maximum Pool Size=100";
    }

    await RunToEndAsync(Start(web, settings, ["migrate"]));
    // One after the other: the first start seeds the demo partners and staff.
    var instances = new List<(int Port, Process Process)>();
    for (var i = 0; i < setup.Instances; i++)
    {
        var port = FreePort();
        instances.Add((port, Start(web, settings, ["--urls", $"http://127.0.0.1:{port}"])));
        await ReadyAsync($"http://127.0.0.1:{port}");
    }
    Process? proxy = null;
    var url = $"http://127.0.0.1:{instances[0].Port}";
    if (instances.Count > 1)
    {
        var port = FreePort();
        proxy = Start(proxyDll, new()
        {
            ["ReverseProxy__Clusters__ops__Destinations__first__Address"] = $"http://127.0.0.1:{instances[0].Port}/",
            ["ReverseProxy__Clusters__ops__Destinations__second__Address"] = $"http://127.0.0.1:{instances[1].Port}/",
            ["Logging__LogLevel__Default"] = "Warning",
        }, ["--urls", $"http://127.0.0.1:{port}"]);
        url = $"http://127.0.0.1:{port}";
        await ReadyAsync(url);
    }
    var key = await IssueKeyAsync(settings);

    try
    {
        // Warm-up (JIT, pools, caches), not reported.
        await LoadAsync(url, key, 4, TimeSpan.FromSeconds(3), (client, n) => client.SendAsync(Create(-n)), null);
        foreach (var count in clients)
        {
            var created = new System.Collections.Concurrent.ConcurrentBag<string>();
            foreach (var (operation, send) in new (string, Func<HttpClient, int, Task<HttpResponseMessage>>)[]
            {
                ("POST /api/v1/customers", (client, n) => client.SendAsync(Create(n))),
                ("GET /api/v1/customers/{id}", (client, n) => client.GetAsync($"/api/v1/customers/{created.ElementAt(n % created.Count)}")),
            })
            {
                var cpuBefore = instances.Sum(i => CpuMs(i.Process));
                var (done, latencies, errors) = await LoadAsync(url, key, count, TimeSpan.FromSeconds(seconds), send,
                    operation.StartsWith("POST") ? created : null);
                var cpu = instances.Sum(i => CpuMs(i.Process)) - cpuBefore;
                latencies.Sort();
                Console.WriteLine($"| {setup.Name} | {operation} | {count} | {done / (double)seconds:N0} | {latencies[latencies.Count / 2]:N0} | " +
                    $"{latencies[(int)(latencies.Count * 0.95)]:N0} | {cpu / Math.Max(1, done):N1} |" + (errors > 0 ? $" {errors} errors" : ""));
            }
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Onboarding.Ops.Testing.Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { BaseURL = url, ViewportSize = new() { Width = 1366, Height = 820 } });
        await SignInAsReviewerAsync(page);
        var idle = await Onboarding.Ops.Testing.QueueViewSwitch.MeasureAsync(page, 20);
        using var stop = new CancellationTokenSource();
        var partners = LoadAsync(url, key, 50, TimeSpan.FromMinutes(10), (client, n) => client.SendAsync(Create(n)), null, stop.Token);
        var loadStarted = Stopwatch.GetTimestamp();
        await Task.Delay(3000); // the partner load at full speed first
        var loaded = await Onboarding.Ops.Testing.QueueViewSwitch.MeasureAsync(page, 20);
        stop.Cancel();
        var (createdMeanwhile, _, _) = await partners;
        var rate = createdMeanwhile / Stopwatch.GetElapsedTime(loadStarted).TotalSeconds;
        reviewer.Add($"| {setup.Name} | {Median(idle):N0} | {Median(loaded):N0} | {Median(loaded) / Median(idle):N1}× | {rate:N0} |");
    }
    finally
    {
        proxy?.Kill(entireProcessTree: true);
        instances.ForEach(i => i.Process.Kill(entireProcessTree: true));
    }
}

Console.WriteLine();
Console.WriteLine("| setup | reviewer's view switch, idle, median ms | same while 50 partner clients create, median ms | ratio | creates/s meanwhile |");
Console.WriteLine("|---|---|---|---|---|");
reviewer.ForEach(Console.WriteLine);

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static async Task SignInAsReviewerAsync(IPage page)
{
    await page.GotoAsync("/Account/Login");
    await page.GetByLabel("Email").FillAsync("reviewer@demo.onboarding-ops.test");
    await page.GetByLabel("Password").FillAsync("Demo-Passw0rd!");
    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    await page.GotoAsync("/customers");
    await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    await page.Locator("tbody tr.mud-table-row a").First.WaitForAsync();
}

static async Task<(int Done, List<double> Latencies, int Errors)> LoadAsync(string url, string key, int clients, TimeSpan length,
    Func<HttpClient, int, Task<HttpResponseMessage>> send, System.Collections.Concurrent.ConcurrentBag<string>? created,
    CancellationToken stop = default)
{
    var until = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
    var latencies = new List<double>();
    var (done, errors, next) = (0, 0, 0);
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        while (Stopwatch.GetTimestamp() < until && !stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await send(client, Interlocked.Increment(ref next));
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref errors);
                continue;
            }
            if (created is not null)
            {
                var body = await response.Content.ReadAsStringAsync();
                created.Add(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("id").GetString()!);
            }
            lock (latencies)
            {
                latencies.Add(ms);
            }
            Interlocked.Increment(ref done);
        }
    }));
    return (done, latencies, errors);
}

// A create as partners send it: with an Idempotency-Key, so a retry after a timeout cannot create the customer twice.
// Birth dates spread over 55 years as real ones are (the duplicate check looks customers up by birth date).
static HttpRequestMessage Create(int n) => new(HttpMethod.Post, "/api/v1/customers")
{
    Content = new StringContent(Body(n), Encoding.UTF8, "application/json"),
    Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
};

static string Body(int n) => $$"""
    { "type": "individual", "level": "minimum", "verificationModel": "partner_verified", "partnerReference": "LOAD-{{n}}",
      "individualData": { "firstName": "Load", "lastName": "Client{{n}}", "birthDate": "{{new DateOnly(1950, 1, 1).AddDays(n % 20000):yyyy-MM-dd}}", "nationality": "NG",
                          "email": "load.{{n}}.{{Guid.NewGuid():N}}@example.ng", "phone": "+2348031234567" } }
    """;

// A key for the demo partner lumen-wallet, issued through the domain as an admin would.
static async Task<string> IssueKeyAsync(Dictionary<string, string> settings)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key.Replace("__", ":"), s => (string?)s.Value)).Build();
    var services = new ServiceCollection().AddLogging();
    services.AddOpsDatabase(DatabaseSettings.From(configuration, Directory.GetCurrentDirectory()));
    services.AddOpsIdentity(configuration, isDevelopment: true);
    await using var provided = services.BuildServiceProvider();
    await using var db = await provided.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContextAsync();
    var partner = await db.Partners.SingleAsync(p => p.Id == "lumen-wallet");
    var admin = new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "load"), new Claim(ClaimTypes.Name, "Load test"), new Claim(ClaimTypes.Role, StaffRoles.Admin)], "load"));
    var key = partner.IssueKey(admin.ToActor(), DateTimeOffset.UtcNow);
    await db.SaveChangesAsync();
    return key;
}

static Process Start(string dll, Dictionary<string, string> environment, string[] args)
{
    var start = new ProcessStartInfo("dotnet", [dll, .. args])
    {
        WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true,
    };
    foreach (var (name, value) in environment)
    {
        start.Environment[name] = value;
    }
    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine(line); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task RunToEndAsync(Process process)
{
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"exit {process.ExitCode}");
    }
}

static async Task ReadyAsync(string url)
{
    using var client = new HttpClient();
    for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
    {
        try
        {
            if ((await client.GetAsync(url + "/health/ready")).StatusCode == HttpStatusCode.OK)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }
    }
    throw new TimeoutException(url + " did not become ready");
}

// User + system CPU time of the process, in ms (/proc/PID/stat, clock ticks of 10 ms).
static double CpuMs(Process process)
{
    var fields = File.ReadAllText($"/proc/{process.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(fields[11]) + long.Parse(fields[12])) * 10.0;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (!File.Exists(Path.Combine(dir!.FullName, "Onboarding.Ops.sln")))
    {
        dir = dir.Parent;
    }
    return dir.FullName;
}

string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
