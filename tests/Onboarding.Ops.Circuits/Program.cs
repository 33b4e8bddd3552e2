using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Testing;

// Usage (after `dotnet build -c Release`):
//   dotnet run -c Release --project tests/Onboarding.Ops.Circuits -- [--tabs 20] [--customers 300]
// Runs the app in this process (Kestrel on a free port, its own SQLite file, the Development demo population) and a
// reviewer's tabs in Debian's Chromium, driven from a child process of this program (Playwright's client keeps every
// page's objects, requests and responses: in this process they were counted as the server's, ~220 KB a tab). The managed
// heap is read here after a full, compacting GC, so each figure is what the open circuits keep alive: before any tab,
// with N overview tabs (the floor: layout and circuit), with N queue tabs, with N customer pages, and after the tabs
// closed and the circuit retention passed. Then the queue's view switch (click to the new view's first row), idle.
namespace Onboarding.Ops.Circuits;

/// <summary>Not Program: the app's own Program class is referenced here (the tests' app factory starts it).</summary>
public static class Benchmark
{
    public static async Task Main(string[] args)
    {
        if (Arg(args, "--driver") is { } url)
        {
            await Driver.RunAsync(url);
            return;
        }
        var tabs = int.Parse(Arg(args, "--tabs") ?? "20");
        var customers = Arg(args, "--customers") ?? "300";
        var retention = int.Parse(Arg(args, "--retention") ?? "60");
        var settle = TimeSpan.FromSeconds(retention + 5);
        using var circuits = new CircuitCount();
        // With --dump DIR, each state's heap is also written as a dump (dotnet-dump on PATH) to compare by type
        // (`dotnet-dump analyze FILE -c "dumpheap -stat"`).
        var dumps = Arg(args, "--dump");

        // Outside a test host the factory cannot find the app's folder by itself: name it (the repository's src/Onboarding.Ops.Web).
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Onboarding.Ops.sln")))
        {
            root = root.Parent!;
        }
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ONBOARDING_OPS_WEB", Path.Combine(root.FullName, "src", "Onboarding.Ops.Web"));
        using var app = new OpsAppFactory(settings: new Dictionary<string, string?>
        {
            ["DemoData:Customers"] = customers, ["Logging:LogLevel:Default"] = "Warning",
            ["Circuits:DisconnectedRetentionSeconds"] = retention.ToString(),
        });
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("127.0.0.1", "localhost").TrimEnd('/');
        using var driver = Driver.Start(baseUrl);

        // Warm up: every page once, so code and caches are not counted as a tab's.
        var customerUrl = driver.Ask("first-customer");
        driver.Ask($"open 1 {customerUrl}");
        driver.Ask("close");
        await Task.Delay(settle);
        var noTab = Heap(dumps, "noTab");

        // The floor: the layout and a circuit with the overview's figures, nothing of the queue.
        driver.Ask($"open {tabs} /");
        var withOverviews = Heap(dumps, "withOverviews");
        driver.Ask("close");
        await Task.Delay(settle);

        var before = Heap(dumps, "before");
        driver.Ask($"open {tabs} /customers?view=all");
        var withQueues = Heap(dumps, "withQueues");
        driver.Ask("close");
        await Task.Delay(settle);

        // Customer pages in new tabs, counted from the heap after the queue tabs were released: a released circuit hands its
        // render buffers back to .NET's shared ArrayPool (a queue tab's table, 4,096 frames, is a 160 KB array), which keeps
        // them for the next renders. Counting customer pages opened over the queue tabs, as this did until December, counted
        // those parked buffers too: the dumps showed the very arrays the queue tabs' components held, rooted by the pool only.
        var beforeCustomers = Heap(dumps, "beforeCustomers");
        driver.Ask($"open {tabs} {customerUrl}");
        var withCustomers = Heap(dumps, "withCustomers");
        driver.Ask("close");
        await Task.Delay(settle);
        var afterClose = Heap(dumps, "afterClose");

        Console.WriteLine($"| measure | value |");
        Console.WriteLine($"|---|---|");
        Console.WriteLine($"| managed heap, no tab open | {Mb(noTab)} |");
        Console.WriteLine($"| per open overview tab (the layout and the dashboard) | {Kb((withOverviews - noTab) / tabs)} |");
        Console.WriteLine($"| per open queue tab (All view, 25 rows) | {Kb((withQueues - before) / tabs)} |");
        Console.WriteLine($"| per open customer page | {Kb((withCustomers - beforeCustomers) / tabs)} |");
        Console.WriteLine($"| {tabs} tabs closed, {settle.TotalSeconds:0} s later | {Mb(afterClose)} ({Kb((afterClose - noTab) / tabs)} a tab above no tab) |");
        Console.WriteLine($"| circuits still in memory then (ASP.NET Core's aspnetcore.components.circuit.active) | {circuits.Describe()} |");
        var switches = driver.Ask("switch").Split(' ').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Console.WriteLine($"| queue view switch, median of {switches.Count} (click to new rows) | {switches[switches.Count / 2]:0} ms |");
        Console.WriteLine($"| queue view switch, p95 | {switches[(int)(switches.Count * 0.95)]:0} ms |");
    }

    private static long Heap(string? dumps, string state)
    {
        if (dumps is not null)
        {
            Directory.CreateDirectory(dumps);
            using var dump = Process.Start("dotnet-dump", ["collect", "--type", "Heap", "-p", Environment.ProcessId.ToString(), "-o", Path.Combine(dumps, state + ".dmp")]);
            dump.WaitForExit();
        }
        // The large object heap too (the renderer's batch buffers live there): its free gaps would count as heap.
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Mb(long bytes) => $"{bytes / 1024d / 1024d:0.0} MB";

    private static string Kb(long bytes) => $"{bytes / 1024d:0} KB";

    private static string? Arg(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
}

/// <summary>The server's open circuits, from the framework's own metric (+1 when a circuit starts, -1 when it is released).</summary>
public sealed class CircuitCount : IDisposable
{
    private readonly System.Diagnostics.Metrics.MeterListener listener = new();
    private long active;
    private bool seen;

    public CircuitCount()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "aspnetcore.components.circuit.active")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            seen = true;
            Interlocked.Add(ref active, value);
        });
        listener.Start();
    }

    public string Describe() => seen ? Interlocked.Read(ref active).ToString() : "not reported";

    public void Dispose() => listener.Dispose();
}

/// <summary>
/// The reviewer's browser: this program again, as a child process, answering one line per command on its standard
/// output (<c>open N PATH</c>, <c>close</c>, <c>first-customer</c>, <c>switch</c>).
/// </summary>
public sealed class Driver : IDisposable
{
    private readonly Process process;

    private Driver(Process process) => this.process = process;

    public static Driver Start(string baseUrl)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Driver).Assembly.Location);
        }
        start.ArgumentList.Add("--driver");
        start.ArgumentList.Add(baseUrl);
        return new Driver(Process.Start(start)!);
    }

    public string Ask(string command)
    {
        process.StandardInput.WriteLine(command);
        return process.StandardOutput.ReadLine() is { } answer && !answer.StartsWith("error ")
            ? answer
            : throw new InvalidOperationException($"The browser driver failed on '{command}'.");
    }

    public void Dispose()
    {
        process.StandardInput.Close();
        process.WaitForExit(TimeSpan.FromSeconds(30));
        process.Dispose();
    }

    public static async Task RunAsync(string baseUrl)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var pages = new List<IPage>();
        while (Console.ReadLine() is { } line)
        {
            var words = line.Split(' ');
            try
            {
                Console.WriteLine(words[0] switch
                {
                    "open" => await OpenManyAsync(int.Parse(words[1]), words[2]),
                    "close" => await CloseAllAsync(),
                    "first-customer" => await FirstCustomerAsync(),
                    "switch" => await SwitchAsync(),
                    _ => throw new ArgumentException(line),
                });
            }
            catch (Exception e)
            {
                await Console.Error.WriteLineAsync(e.ToString());
                Console.WriteLine("error " + e.Message.ReplaceLineEndings(" "));
            }
        }
        return;

        async Task<string> OpenManyAsync(int count, string path)
        {
            for (var i = 0; i < count; i++)
            {
                pages.Add(await OpenAsync(path));
            }
            return "ok";
        }

        async Task<string> CloseAllAsync()
        {
            foreach (var page in pages)
            {
                await page.Context.CloseAsync();
            }
            pages.Clear();
            return "ok";
        }

        async Task<string> FirstCustomerAsync()
        {
            var page = await OpenAsync("/customers?view=all");
            var href = await page.Locator("tbody tr.mud-table-row a").First.GetAttributeAsync("href");
            await page.Context.CloseAsync();
            return "/" + href!.TrimStart('/');
        }

        async Task<string> SwitchAsync()
        {
            var page = await OpenAsync("/customers");
            var switches = await QueueViewSwitch.MeasureAsync(page, 20);
            await page.Context.CloseAsync();
            return string.Join(' ', switches.Select(s => s.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)));
        }

        async Task<IPage> OpenAsync(string path)
        {
            var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1366, Height = 768 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/Account/Login");
            await page.GetByLabel("Email").FillAsync(OpsAppFactory.Reviewer);
            await page.GetByLabel("Password").FillAsync(OpsAppFactory.DemoPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GotoAsync(path);
            await ReadyAsync(page, path);
            return page;
        }

        static async Task ReadyAsync(IPage page, string path)
        {
            await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.Locator(path switch
            {
                "/" => "[data-testid=review-depth]",
                "/customers" => "tbody tr.mud-table-row a",
                _ when path.StartsWith("/customers?") => "tbody tr.mud-table-row a",
                _ => "[data-testid=blockers]",
            }).First.WaitForAsync();
        }
    }
}
