using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;

namespace Onboarding.Ops.E2E;

/// <summary>The defects a lead found in a day of work on a laptop screen (issue 17), each as the browser shows it.</summary>
public sealed class ReviewerDayJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private async Task<T> FromDatabaseAsync<T>(Func<OpsDbContext, Task<T>> query)
    {
        await using var db = browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        return await query(db);
    }

    private async Task<IPage> SignInAsync(string email, BrowserNewContextOptions? options = null)
    {
        var page = options is null ? await browser.NewPageAsync() : await browser.NewPageAsync(options);
        await new LoginPage(page).SignInAsync(email, OpsAppFactory.DemoPassword);
        return page;
    }

    [Fact]
    public async Task Queue_OnALaptop_ReadsEveryColumnInFull_AndTabBadgesDoNotOverlapTheNextTab()
    {
        var page = await SignInAsync(OpsAppFactory.Reviewer, new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        var queue = new QueuePage(page);
        await queue.OpenAsync("?view=all");

        var overflow = await page.EvaluateAsync<int>("() => { const c = document.querySelector('.mud-table-container'); return c.scrollWidth - c.clientWidth; }");
        await new ShellPage(page).ScreenshotAsync("queue-1366");
        Assert.True(overflow <= 0, $"The queue table is {overflow} px wider than its container at 1366 px.");
        // Each badge ends before the next tab's label starts.
        var overlaps = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.mud-tab')].flatMap((tab, i, tabs) => {
                const badge = tab.querySelector('.mud-badge');
                const next = tabs[i + 1];
                if (!badge || !next) return [];
                const b = badge.getBoundingClientRect(), n = next.getBoundingClientRect(), t = tab.getBoundingClientRect();
                return b.right > n.left + 1 || b.right > t.right + 1 || b.top < t.top - 1 ? [tab.innerText.trim()] : [];
            })
            """);
        Assert.Empty(overlaps);
        await new ShellPage(page).ScreenshotAsync("queue-1366");
    }

    [Fact]
    public async Task Queue_WhileItLoads_NeverSaysItIsEmpty()
    {
        var page = await SignInAsync(OpsAppFactory.Reviewer);
        // Remember whether the empty message or an empty pager was ever in the page, however briefly.
        await page.AddInitScriptAsync("""
            window.__claimedEmpty = false;
            new MutationObserver(() => {
                if (document.querySelector('[data-testid=queue-empty]') || /\b0-0 of 0\b/.test(document.querySelector('.mud-table-pagination')?.innerText ?? ''))
                    window.__claimedEmpty = true;
            }).observe(document, { subtree: true, childList: true, characterData: true });
            """);
        var queue = new QueuePage(page);
        await queue.OpenAsync("?view=all");
        await queue.ChooseViewAsync("Needs review");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("view=needs-review|/customers$"));
        await queue.WaitForRowsAsync();

        Assert.False(await page.EvaluateAsync<bool>("() => window.__claimedEmpty"));
        await Assertions.Expect(queue.Rows.First).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("/customers", "reviewer")]
    [InlineData("/access-requests", "approver")]
    public async Task LeavingAQueuePage_ByReloadOrATypedUrl_LogsNoError(string path, string who)
    {
        var page = await SignInAsync(who == "reviewer" ? OpsAppFactory.Reviewer : OpsAppFactory.ProductApprover);
        await page.GotoAsync(path + (path == "/customers" ? "?view=all" : ""));
        await new ShellPage(page).WaitUntilInteractiveAsync();
        browser.App.ClearErrors();

        await page.ReloadAsync();
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await page.GotoAsync(path + (path == "/customers" ? "?view=waiting-on-customer&sort=name" : "?view=all"));
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await page.GotoAsync(path + "?page=2");
        await page.GotoAsync("/");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        // The old circuits are torn down as their sockets close; give the server a moment to do it.
        await Task.Delay(5000);

        Assert.True(browser.App.Errors.Count == 0, string.Join("\n\n", browser.App.Errors));
    }

    [Fact]
    public async Task Dialogs_CloseWithEscape_AndChangeNothing()
    {
        var id = await FromDatabaseAsync(db => db.Customers.Where(c => c.Status == CustomerStatus.Pending && c.Queue == WorkQueue.NeedsReview).Select(c => c.Id).FirstAsync());
        var page = await SignInAsync(OpsAppFactory.Reviewer);
        await page.GotoAsync($"/customers/{id}");
        await new CustomerPage(page).WaitAsync();
        await new ShellPage(page).WaitUntilInteractiveAsync();
        var decide = new DecisionControls(page);

        foreach (var decision in new[] { "Hold", "Reject" })
        {
            await decide.OpenAsync(decision);
            await Assertions.Expect(decide.Dialog).ToBeVisibleAsync();
            // The dialog takes the focus as it opens, so the keyboard works in it at once.
            await Assertions.Expect(decide.Dialog.Locator(":focus")).ToHaveCountAsync(1);
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(decide.Dialog).ToHaveCountAsync(0);
        }
        Assert.Equal(CustomerStatus.Pending, await FromDatabaseAsync(db => db.Customers.Where(c => c.Id == id).Select(c => c.Status).FirstAsync()));
    }

    [Fact]
    public async Task AToastAboutOneCase_DoesNotFollowTheReviewerToTheNext()
    {
        var id = await FromDatabaseAsync(db => db.Customers.Where(c => c.Status == CustomerStatus.Pending && c.Queue == WorkQueue.NeedsReview)
            .OrderBy(c => c.Name).Select(c => c.Id).FirstAsync());
        var page = await SignInAsync(OpsAppFactory.Reviewer);
        await page.GotoAsync($"/customers/{id}");
        await new CustomerPage(page).WaitAsync();
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Textbox).FillAsync("Called the partner: documents on their way.");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Note added." })).ToBeVisibleAsync();

        await new DecisionControls(page).NextCaseAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Note added." })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task NewPartner_IsEnabledAsTheFieldsAreTyped()
    {
        var page = await SignInAsync(OpsAppFactory.Admin);
        await new PartnersPage(page).OpenAsync();
        var create = page.GetByRole(AriaRole.Button, new() { Name = "New partner" });
        await Assertions.Expect(create).ToBeDisabledAsync();

        await page.GetByLabel("Partner name").FillAsync("Harbour Pay");
        await page.GetByLabel("Partner id").PressSequentiallyAsync("harbour-pay");

        await Assertions.Expect(create).ToBeEnabledAsync();
        Assert.True(await page.GetByLabel("Partner id").EvaluateAsync<bool>("e => e === document.activeElement"));
    }

    [Fact]
    public async Task History_ShowsTimesInTheViewersZone_WithUtcOnHover_AndNoRawValues()
    {
        var id = await FromDatabaseAsync(db => db.Customers.Where(c => c.Status == CustomerStatus.Pending && c.Queue == WorkQueue.NeedsReview).OrderByDescending(c => c.CreatedAt).Select(c => c.Id).FirstAsync());
        var page = await SignInAsync(OpsAppFactory.Reviewer, new() { TimezoneId = "Asia/Tokyo", ViewportSize = new() { Width = 1366, Height = 768 } });
        await page.GotoAsync($"/customers/{id}");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        var decide = new DecisionControls(page);
        await decide.OpenAsync("Hold");
        await decide.Dialog.GetByLabel("Reason").FillAsync("Waiting for the partner's call");
        await decide.ConfirmAsync("Put on hold");
        await Assertions.Expect(decide.Status).ToHaveTextAsync("On hold");
        await decide.OpenAsync("Release");
        await decide.Dialog.GetByLabel("Release note").FillAsync("The partner called back.");
        await decide.ConfirmAsync("Release");
        await Assertions.Expect(decide.Status).ToHaveTextAsync("Pending");

        var customer = new CustomerPage(page);
        await customer.OpenTabAsync("History");
        var released = page.Locator("[data-action=released]");
        await Assertions.Expect(released).ToContainTextAsync("Held since");
        var text = await page.GetByTestId("history").InnerTextAsync();
        Assert.DoesNotMatch(@"\d{4}-\d\d-\d\dT\d\d:\d\d", text);
        Assert.Contains("UTC+9", text);
        Assert.Contains("UTC", await released.Locator("[data-utc]").First.GetAttributeAsync("data-utc") ?? "");
        await new ShellPage(page).ScreenshotAsync("customer-history-tokyo");
    }

    [Fact]
    public async Task Grant_AsksForConfirmation_AndCancelChangesNothing()
    {
        var id = await SeedReadyRequestAsync("Bruna", "Confirmação");
        var page = await SignInAsync(OpsAppFactory.ProductApprover);
        await page.GotoAsync($"/access-requests/{id}");
        await new ShellPage(page).WaitUntilInteractiveAsync();

        await page.GetByTestId("decision").GetByRole(AriaRole.Button, new() { Name = "Grant" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Bruna Confirmação");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        Assert.Equal(AccessRequestStatus.Requested, await FromDatabaseAsync(db => db.AccessRequests.Where(r => r.Id == id).Select(r => r.Status).FirstAsync()));

        await page.GetByTestId("decision").GetByRole(AriaRole.Button, new() { Name = "Grant" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Grant", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("request-status")).ToHaveTextAsync("Granted");
    }

    [Fact]
    public async Task ProductApprover_FromTheOverview_GrantsTheOldest_AndGoesToTheNextReady()
    {
        var oldest = await SeedReadyRequestAsync("Nadia", "Primeira");
        var second = await SeedReadyRequestAsync("Otto", "Segundo");
        var page = await SignInAsync(OpsAppFactory.ProductApprover);
        await page.GetByTestId("access-depth").Locator("[data-figure='Ready to decide']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/access-requests$"));

        // The list is oldest first; an earlier test may have left older ones, so open this test's oldest by its link.
        await page.Locator($"tbody tr.mud-table-row a[href='access-requests/{oldest}']").ClickAsync();
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await page.GetByTestId("decision").GetByRole(AriaRole.Button, new() { Name = "Grant" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByTestId("decide-and-next").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/access-requests/[0-9a-f-]{36}$"));
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex(oldest.ToString()));
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Access granted.");
        await Assertions.Expect(page.GetByTestId("request-status")).ToHaveTextAsync("Requested");
        Assert.Equal(AccessRequestStatus.Granted, await FromDatabaseAsync(db => db.AccessRequests.Where(r => r.Id == oldest).Select(r => r.Status).FirstAsync()));
        Assert.Equal(AccessRequestStatus.Requested, await FromDatabaseAsync(db => db.AccessRequests.Where(r => r.Id == second).Select(r => r.Status).FirstAsync()));
    }

    [Fact]
    public async Task BulkGrant_AsksForConfirmation_NamingHowMany()
    {
        await SeedReadyRequestAsync("Bulk", "Uno");
        await SeedReadyRequestAsync("Bulk", "Dos");
        var page = await SignInAsync(OpsAppFactory.ProductApprover);
        await page.GotoAsync("/access-requests?q=Bulk");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        var rows = page.Locator("tbody tr.mud-table-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        foreach (var i in new[] { 0, 1 })
        {
            await rows.Nth(i).Locator("input[type=checkbox]").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Grant selected (2)" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("2 requests");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        Assert.Equal(0, await FromDatabaseAsync(db => db.AccessRequests.CountAsync(r => r.Status == AccessRequestStatus.Granted
            && db.Customers.Any(c => c.Id == r.CustomerId && c.Name.StartsWith("Bulk")))));
    }

    [Fact]
    public async Task CustomersAccessRequests_LinkToTheirDecisionPage_ForAnAdmin()
    {
        var id = await SeedReadyRequestAsync("Linda", "Enlace");
        var customerId = await FromDatabaseAsync(db => db.AccessRequests.Where(r => r.Id == id).Select(r => r.CustomerId).FirstAsync());
        var page = await SignInAsync(OpsAppFactory.Admin);
        await page.GotoAsync($"/customers/{customerId}");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await new CustomerPage(page).OpenTabAsync("Product access");

        await page.GetByTestId("access-requests").GetByRole(AriaRole.Link).First.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/access-requests/{id}$"));
        await Assertions.Expect(page.GetByTestId("decision")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Reviewer_SavesTheFiltersAsASharedView_AndSupportOpensIt()
    {
        var page = await SignInAsync(OpsAppFactory.Reviewer, new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        var queue = new QueuePage(page);
        await queue.OpenAsync("?view=all&type=business");
        var total = await page.Locator(".mud-table-pagination-caption").Last.InnerTextAsync();

        await page.GetByTestId("save-view").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("Businesses, all");
        await dialog.GetByText("Share with the team").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save view" }).ClickAsync();
        var views = page.GetByRole(AriaRole.Navigation, new() { Name = "Queue views" });
        var saved = views.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Businesses, all") });
        await Assertions.Expect(saved).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(saved.Locator(".ops-view-count")).ToHaveTextAsync(total.Split(" of ").Last());
        await new ShellPage(page).ScreenshotAsync("queue-saved-view");

        var support = await SignInAsync(OpsAppFactory.Support);
        await new QueuePage(support).OpenAsync();
        await support.GetByRole(AriaRole.Navigation, new() { Name = "Queue views" })
            .GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Businesses, all") }).ClickAsync();
        await Assertions.Expect(support).ToHaveURLAsync(new Regex("/customers\\?view=all&type=business$"));
        await new QueuePage(support).WaitForRowsAsync();
        Assert.All(await new QueuePage(support).ColumnAsync(2), type => Assert.StartsWith("Business", type.Trim()));
    }

    [Fact]
    public async Task Reviewer_ExportsTheViewAsCsv_WhatTheViewLists()
    {
        var page = await SignInAsync(OpsAppFactory.Reviewer);
        var queue = new QueuePage(page);
        await queue.OpenAsync("?view=all&type=business");
        var total = int.Parse((await page.Locator(".mud-table-pagination-caption").Last.InnerTextAsync()).Split(" of ").Last());

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());

        Assert.EndsWith(".csv", download.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Where(l => l.Length > 0).ToList();
        Assert.StartsWith("Id,Name,Type,", lines[0]);
        Assert.Equal(total, lines.Count - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(",business,", l));
    }

    private async Task<Guid> SeedReadyRequestAsync(string first, string last)
    {
        await using var db = browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        var customer = Customer.Create(A.Partner, at, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.PartnerVerified,
            "lumen-wallet", null, A.Person(first, last), Documents: [A.Passport()], LivenessAttested: true), A.Policy);
        customer.AcceptDocument(A.Reviewer, at.AddHours(1), customer.Documents[0].Id);
        customer.Approve(A.Reviewer, at.AddHours(2), A.Policy);
        var request = A.CardRequest(customer, DateTimeOffset.UtcNow.AddHours(-1));
        db.Customers.Add(customer);
        db.AccessRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }
}
