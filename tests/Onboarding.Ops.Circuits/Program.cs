using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Testing;

// Usage (after `dotnet build -c Release`):
//   dotnet run -c Release --project tests/Onboarding.Ops.Circuits -- [--tabs 20] [--customers 300]
// Runs the app in this process (Kestrel on a free port, its own SQLite file, the Development demo population) and a
// reviewer's tabs in Debian's Chromium. The managed heap is read here after a full, compacting GC, so each figure is
// what the open circuits keep alive: before any tab, with N overview tabs (the floor: layout and circuit), with N queue tabs open, with N customer pages open, and after the
// tabs closed and the circuit retention passed. Then the queue's view switch (click to the new grid's first row), idle.
namespace Onboarding.Ops.Circuits;

/// <summary>Not Program: the app's own Program class is referenced here (the tests' app factory starts it).</summary>
public static class Benchmark
{
    public static async Task Main(string[] args)
    {
        var tabs = int.Parse(Arg("--tabs") ?? "20");
        var customers = Arg("--customers") ?? "300";
        var retention = int.Parse(Arg("--retention") ?? "60");

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
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        // Warm up: every page once, so code and caches are not counted as a tab's.
        var warm = await OpenAsync("/customers?view=all");
        await warm.Context.CloseAsync();
        var customerUrl = await FirstCustomerAsync();
        await Task.Delay(TimeSpan.FromSeconds(retention + 5));
        var before = Heap();

        // The floor: the layout and a circuit with the overview's figures, nothing of the queue.
        var overviews = new List<IPage>();
        for (var i = 0; i < tabs; i++)
        {
            overviews.Add(await OpenAsync("/"));
        }
        var withOverviews = Heap();
        var noTab = before;
        foreach (var page in overviews)
        {
            await page.Context.CloseAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(retention + 5));
        before = Heap();

        var queues = new List<IPage>();
        for (var i = 0; i < tabs; i++)
        {
            queues.Add(await OpenAsync("/customers?view=all"));
        }
        var withQueues = Heap();
        foreach (var page in queues)
        {
            await page.GotoAsync(customerUrl);
            await page.GetByTestId("blockers").WaitForAsync();
            await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
        // The queue circuits were left for the customer pages' (a full load): wait them out before counting customer pages.
        await Task.Delay(TimeSpan.FromSeconds(retention + 5));
        var withCustomers = Heap();
        foreach (var page in queues)
        {
            await page.Context.CloseAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(retention + 5));
        var afterClose = Heap();

        var switcher = await OpenAsync("/customers");
        var switches = new List<double>();
        string[] views = ["Waiting on customer", "Needs review"];
        for (var i = 0; i < 21; i++)
        {
            await switcher.EvaluateAsync("document.querySelectorAll('tbody tr').forEach(r => r.dataset.old = '1')");
            var started = Stopwatch.GetTimestamp();
            await switcher.GetByRole(AriaRole.Navigation, new() { Name = "Queue views" })
                .GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + views[i % 2]) }).ClickAsync();
            // The two views share no customer, so the new view's rows are new elements.
            await switcher.Locator("tbody tr.mud-table-row:not([data-old]) a").First.WaitForAsync();
            if (i > 0)
            {
                switches.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        Console.WriteLine($"| measure | value |");
        Console.WriteLine($"|---|---|");
        Console.WriteLine($"| managed heap, no tab open | {Mb(before)} |");
        Console.WriteLine($"| per open overview tab (the layout and the dashboard) | {Kb((withOverviews - noTab) / tabs)} |");
        Console.WriteLine($"| per open queue tab (All view, 25 rows) | {Kb((withQueues - before) / tabs)} |");
        Console.WriteLine($"| per open customer page | {Kb((withCustomers - before) / tabs)} |");
        Console.WriteLine($"| {tabs} tabs closed, {retention + 5} s later | {Mb(afterClose)} ({Kb(afterClose - before)} above no tab) |");
        Console.WriteLine($"| queue view switch, median of {switches.Count} (click to new rows) | {switches.Order().ElementAt(switches.Count / 2):0} ms |");
        Console.WriteLine($"| queue view switch, p95 | {switches.Order().ElementAt((int)(switches.Count * 0.95)):0} ms |");
        return;

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
            await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.Locator(path == "/" ? "[data-testid=review-depth]" : "tbody tr.mud-table-row a").First.WaitForAsync();
            return page;
        }

        async Task<string> FirstCustomerAsync()
        {
            var page = await OpenAsync("/customers?view=all");
            var href = await page.Locator("tbody tr.mud-table-row a").First.GetAttributeAsync("href");
            await page.Context.CloseAsync();
            return "/" + href!.TrimStart('/');
        }

        static long Heap()
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            return GC.GetTotalMemory(forceFullCollection: true);
        }

        static string Mb(long bytes) => $"{bytes / 1024d / 1024d:0.0} MB";

        static string Kb(long bytes) => $"{bytes / 1024d:0} KB";

        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    }
}
