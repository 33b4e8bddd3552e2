using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.E2E;

public sealed class CustomerJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private async Task<T> FromDatabaseAsync<T>(Func<OpsDbContext, Task<T>> query)
    {
        await using var db = browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        return await query(db);
    }

    [Fact]
    public async Task Reviewer_FiltersTheQueue_OpensACustomer_AndBackReturnsToTheSameView()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        var queue = new QueuePage(page);
        await queue.OpenAsync();
        await new ShellPage(page).ScreenshotAsync("queue-needs-review");

        await queue.ChooseViewAsync("All");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/customers\\?view=all$"));
        await queue.ChooseAsync("Type", "Business");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/customers\\?view=all&type=business$"));
        await Assertions.Expect(queue.Rows.Filter(new() { HasText = "Individual" })).ToHaveCountAsync(0);
        Assert.All(await queue.ColumnAsync(2), type => Assert.StartsWith("Business", type.Trim()));
        var filteredUrl = page.Url;

        var customer = await queue.OpenRowAsync(0);
        await Assertions.Expect(customer.Blockers).ToContainTextAsync("Why blocked");
        await customer.OpenTabAsync("History");
        await Assertions.Expect(customer.HistoryEntries.First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-action=created]")).ToContainTextAsync("Customer created");
        await new ShellPage(page).ScreenshotAsync("customer-page-history");

        await customer.BackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(filteredUrl);
        await queue.WaitForRowsAsync();
        await Assertions.Expect(queue.Rows.Filter(new() { HasText = "Individual" })).ToHaveCountAsync(0);
        Assert.All(await queue.ColumnAsync(2), type => Assert.StartsWith("Business", type.Trim()));
    }

    [Fact]
    public async Task Support_SearchesByEmail_AndSeesWhyTheCustomerIsBlocked()
    {
        var (id, email) = await FromDatabaseAsync(db => db.Customers
            .Where(c => c.Status == CustomerStatus.NeedsInformation && c.Email != null)
            .Select(c => new ValueTuple<Guid, string>(c.Id, c.Email!)).FirstAsync());
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Support, OpsAppFactory.DemoPassword);
        var queue = new QueuePage(page);
        await queue.OpenAsync("?view=all");

        await queue.SearchAsync(email.ToUpperInvariant());
        await Assertions.Expect(queue.Rows).ToHaveCountAsync(1);
        var customer = await queue.OpenRowAsync(0);

        Assert.EndsWith($"/customers/{id}", page.Url);
        await Assertions.Expect(customer.Blockers.Locator("[data-code=checklist_item_outstanding]").First).ToContainTextAsync("Next step");
        await Assertions.Expect(customer.Actions).ToContainTextAsync("only a reviewer can do this");
        await new ShellPage(page).ScreenshotAsync("customer-page-support");
    }

    [Fact]
    public async Task ProductApprover_OpensACustomerPage_ButNotTheQueue()
    {
        var id = await FromDatabaseAsync(db => db.Customers.Where(c => c.Status == CustomerStatus.Active).Select(c => c.Id).FirstAsync());
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.ProductApprover, OpsAppFactory.DemoPassword);

        await page.GotoAsync($"/customers/{id}");
        await new CustomerPage(page).WaitAsync();
        await page.GotoAsync("/customers");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task UnknownCustomer_ShowsANotFoundPage()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);

        await page.GotoAsync($"/customers/{Guid.NewGuid()}");

        await Assertions.Expect(page.GetByTestId("customer-not-found")).ToContainTextAsync("Customer not found");
    }
}
