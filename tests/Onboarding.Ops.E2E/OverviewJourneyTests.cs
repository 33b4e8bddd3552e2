using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Testing;

namespace Onboarding.Ops.E2E;

/// <summary>The landing page as a dashboard: each role's numbers, each a link to the list it counts.</summary>
public sealed class OverviewJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static int CountOf(string text) => int.Parse(text.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("Reviewer", "my-cases,review-depth")]
    [InlineData("Support", "review-depth")]
    [InlineData("ProductApprover", "access-depth")]
    [InlineData("Admin", "my-cases,review-depth,access-depth,partner-health")]
    public async Task Overview_ShowsEachRoleItsWork(string role, string parts)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        await new LoginPage(page).SignInAsync(OpsAppFactory.DemoEmailByRole[role], OpsAppFactory.DemoPassword);

        foreach (var part in new[] { "my-cases", "review-depth", "access-depth", "partner-health" })
        {
            await Assertions.Expect(page.GetByTestId(part)).ToHaveCountAsync(parts.Split(',').Contains(part) ? 1 : 0);
        }
        await new ShellPage(page).ScreenshotAsync($"overview-{role}");
        await Axe.AssertAccessibleAsync(page, $"overview {role}");
    }

    [Fact]
    public async Task Reviewer_FollowsANumber_ToTheViewThatListsExactlyThoseCustomers()
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        var depth = page.GetByTestId("review-depth");
        var underFour = depth.Locator("[data-figure='0–4 h']");
        var count = CountOf(await underFour.Locator(".ops-figure-count").InnerTextAsync());
        Assert.True(count > 0, "The demo queue should have customers who arrived in the last four hours.");

        await underFour.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/customers\\?age=0-4h$"));
        var queue = new QueuePage(page);
        await queue.WaitForRowsAsync();
        await Assertions.Expect(page.Locator(".mud-table-pagination-caption").Last).ToHaveTextAsync($"1-{count} of {count}");
    }

    /// <summary>A reviewer's morning from the keyboard: the overview, a number, the view, a case, hold it and go to the next.</summary>
    [Fact]
    public async Task Reviewer_FromTheOverview_WorksTheQueueFromTheKeyboard_DecidingAndGoingToTheNext()
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.GetByTestId("shortcuts")).ToContainTextAsync("Next / previous row");
        await new ShellPage(page).ScreenshotAsync("shortcuts");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("shortcuts")).ToHaveCountAsync(0);

        await page.GetByTestId("review-depth").Locator("[data-figure='Waiting for review']").ClickAsync();
        var queue = new QueuePage(page);
        await queue.WaitForRowsAsync();
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("k");
        var first = queue.Rows.Nth(0).Locator(".ops-row-link");
        await Assertions.Expect(first).ToBeFocusedAsync();
        await new ShellPage(page).ScreenshotAsync("queue-keyboard-focus");
        var name = (await first.InnerTextAsync()).Trim();
        await page.Keyboard.PressAsync("Enter");

        var customer = new CustomerPage(page);
        await customer.WaitAsync();
        await Assertions.Expect(customer.Name).ToContainTextAsync(name);
        var held = page.Url;
        await page.Keyboard.PressAsync("h");
        var decide = new DecisionControls(page);
        await decide.Dialog.GetByLabel("Reason").FillAsync("Waiting for the partner to confirm the address.");
        await decide.ScreenshotDialogAsync("dialog-hold-and-next");
        await decide.Dialog.GetByTestId("decide-and-next").ClickAsync();

        await Assertions.Expect(page).Not.ToHaveURLAsync(held);
        await customer.WaitAsync();
        await Assertions.Expect(page.GetByTestId("customer-id")).ToHaveTextAsync(page.Url.Split('/').Last());
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("hold");
        await page.Keyboard.PressAsync("b");
        await Assertions.Expect(page).ToHaveURLAsync(held);
        await Assertions.Expect(decide.Status).ToHaveTextAsync("On hold");
    }

    [Fact]
    public async Task ProductApprover_FromTheOverview_OpensTheReadyRequests()
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        await new LoginPage(page).SignInAsync(OpsAppFactory.ProductApprover, OpsAppFactory.DemoPassword);
        var ready = page.GetByTestId("access-depth").Locator("[data-figure='Ready to decide']");
        var count = CountOf(await ready.Locator(".ops-figure-count").InnerTextAsync());

        await ready.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/access-requests$"));
        await Assertions.Expect(page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(Math.Min(count, 25));
    }

    /// <summary>Support's day: the overview, the overdue number, the view, a click on a row (not its link), the case read-only.</summary>
    [Fact]
    public async Task Support_FromTheOverview_FollowsTheOverdueNumber_AndOpensACaseFromItsRow_ToReadWhyItIsBlocked()
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        await new LoginPage(page).SignInAsync(OpsAppFactory.Support, OpsAppFactory.DemoPassword);
        var overdue = page.GetByTestId("review-depth").Locator("[data-figure='Past their SLA']");
        var count = CountOf(await overdue.Locator(".ops-figure-count").InnerTextAsync());
        Assert.True(count > 0, "The demo queue should have an overdue tail.");

        await overdue.ClickAsync();
        var queue = new QueuePage(page);
        await queue.WaitForRowsAsync();
        await Assertions.Expect(page.Locator(".mud-table-pagination-caption").Last).ToHaveTextAsync($"1-{Math.Min(count, 25)} of {count}");
        var view = page.Url;
        var name = await queue.Rows.First.Locator(".ops-row-link").InnerTextAsync();
        await queue.Rows.First.Locator("td[data-label='Top blocker']").ClickAsync();

        await Assertions.Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(name);
        await Assertions.Expect(page.GetByTestId("blockers")).ToContainTextAsync("Next step");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Hold", Exact = true })).ToHaveCountAsync(0);
        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(view);
    }

    [Fact]
    public async Task Admin_FromTheOverview_FollowsFailedDeliveriesToThePartners()
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        await new LoginPage(page).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);

        await page.GetByTestId("partner-health").Locator("[data-figure='Webhook deliveries failed']").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/partners$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Partners" })).ToBeVisibleAsync();
    }

    /// <summary>A full page load prerenders, then renders again interactively: what the page reads first is read once, carried
    /// from the one render to the other (persistent component state).</summary>
    [Theory]
    [InlineData("/customers", "\"SavedViews\"")]
    [InlineData("/", "\"ApiKeys\"")]
    [InlineData("/customers/{id}", "\"Customers\"")]
    public async Task AFullPageView_ReadsWhatThePageStartsWithOnce(string path, string table)
    {
        var (_, log) = await OpenLoggedAsync(path);
        using var _ = log;

        var reads = log.Commands.Count(sql => sql.Contains(table, StringComparison.Ordinal));
        Assert.True(reads == 1, $"{path} read {table} {reads} times:\n" + string.Join("\n---\n", log.Commands));
    }

    /// <summary>The customer's trail (a page of entries with their data and hashes) is read when History or Audit opens,
    /// not with the page: every open tab holds what its page read.</summary>
    [Fact]
    public async Task ACustomerPage_ReadsTheTrail_OnlyWhenHistoryOrAuditOpens()
    {
        var (page, log) = await OpenLoggedAsync("/customers/{id}");
        using var _ = log;
        int TrailReads() => log.Commands.Count(sql => sql.Contains("\"AuditEntries\"", StringComparison.Ordinal));
        Assert.Equal(0, TrailReads());

        var customer = new CustomerPage(page);
        await customer.OpenTabAsync("History");
        await Assertions.Expect(customer.HistoryEntries.First).ToBeVisibleAsync();
        Assert.Equal(1, TrailReads());
        await customer.OpenTabAsync("Audit");
        await Assertions.Expect(page.Locator("[data-testid=audit] tbody tr").First).ToBeVisibleAsync();
        Assert.Equal(2, TrailReads());
    }

    private async Task<(IPage Page, SqlCommandLog Log)> OpenLoggedAsync(string path)
    {
        if (path.Contains("{id}", StringComparison.Ordinal))
        {
            await using var db = browser.App.Services.GetRequiredService<IDbContextFactory<Data.OpsDbContext>>().CreateDbContext();
            path = path.Replace("{id}", (await db.Customers.FirstAsync(c => c.Status == Domain.Customers.CustomerStatus.Pending)).Id.ToString());
        }
        var settings = browser.App.Database.Settings;
        var database = settings.TryGetValue("Database:Path", out var file) && file is not null ? file
            : settings["Database:ConnectionString"]!.Split(';').Single(p => p.StartsWith("Database=", StringComparison.Ordinal));
        var log = new SqlCommandLog(database);
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        await page.GotoAsync("/admin/staff");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        log.Clear();

        await page.GotoAsync(path);
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await page.Locator("tbody tr.mud-table-row, [data-testid=review-depth], [data-testid=blockers]").First.WaitForAsync();
        await Task.Delay(500);
        return (page, log);
    }

    [Fact]
    public async Task Admin_ReadsTheReports_ForAPartner_AndDownloadsOneAsCsv()
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        await new LoginPage(page).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        await new ShellPage(page).OpenSectionAsync("Reports");

        var decisions = page.Locator("[data-report=decisions]");
        await Assertions.Expect(decisions.Locator("tbody tr")).ToHaveCountAsync(30);
        await Assertions.Expect(decisions.Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-report]")).ToHaveCountAsync(6);
        await new ShellPage(page).ScreenshotAsync("reports");
        await Axe.AssertAccessibleAsync(page, "reports");
        // Every table reads whole at 1366 px: the reviewers' six columns were cut in a half-width card.
        var cut = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('[data-report]')].filter(r => {
                const region = r.querySelector('.ops-scroll-region');
                return region.scrollWidth > region.clientWidth;
            }).map(r => r.dataset.report)
            """);
        Assert.Empty(cut);

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator("[data-report=reviewers]").GetByRole(AriaRole.Link, new() { Name = "Download Throughput per reviewer as CSV" }).ClickAsync());
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal("Reviewer,Decisions,Approved,Rejected,Information requested,Put on hold", lines[0]);

        await page.Locator("div.mud-select").Filter(new() { HasText = "Partner" }).First.ClickAsync();
        await MudLists.PickAsync(page, "Lumen Wallet");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("partner=lumen-wallet"));
        await Assertions.Expect(decisions.Locator("tbody tr")).ToHaveCountAsync(30);
    }
}
