using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;

namespace Onboarding.Ops.E2E;

/// <summary>axe-core's WCAG 2.1 A and AA rules on every page, as each role sees it, in the light and the dark theme.</summary>
public sealed class AccessibilityTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private async Task<T> FromDatabaseAsync<T>(Func<OpsDbContext, Task<T>> query)
    {
        await using var db = browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        return await query(db);
    }

    [Fact]
    public async Task SignInPage_PassesWcag21AA()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).OpenAsync();
        await Axe.AssertAccessibleAsync(page, "sign-in");
    }

    [Theory]
    [InlineData("Admin", false)]
    [InlineData("Admin", true)]
    [InlineData("Reviewer", false)]
    [InlineData("Support", false)]
    [InlineData("ProductApprover", false)]
    [InlineData("ProductApprover", true)]
    [InlineData("Compliance", false)]
    public async Task EveryStaffPage_PassesWcag21AA(string role, bool dark)
    {
        var customer = await FromDatabaseAsync(db => db.Customers.Where(c => c.Status == CustomerStatus.Pending && c.Documents.Count > 0)
            .Select(c => c.Id).FirstAsync());
        var request = await FromDatabaseAsync(db => db.AccessRequests.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        var page = await browser.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync(OpsAppFactory.DemoEmailByRole[role], OpsAppFactory.DemoPassword);
        // The theme is remembered per user: set the one wanted, whatever an earlier test left.
        if (await shell.ThemeToggle.GetAttributeAsync("data-theme") != (dark ? "dark" : "light"))
        {
            await shell.ThemeToggle.ClickAsync();
        }
        await Assertions.Expect(shell.ThemeToggle).ToHaveAttributeAsync("data-theme", dark ? "dark" : "light");
        var pages = role switch
        {
            "Admin" => new[] { "/", "/customers", "/customers?view=all", $"/customers/{customer}", "/access-requests", $"/access-requests/{request}",
                "/admin/staff", "/admin/partners", "/admin/reference-data", "/admin/screening", "/admin/audit", "/Account/Manage" },
            "ProductApprover" => ["/", "/access-requests", "/access-requests?view=all", $"/access-requests/{request}"],
            "Compliance" => ["/", "/customers?view=all", $"/customers/{customer}", "/reports", "/admin/audit"],
            _ => ["/", "/customers", "/customers?view=all", $"/customers/{customer}"],
        };
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await new ShellPage(page).WaitUntilInteractiveAsync();
            await page.Locator("tbody tr.mud-table-row, [data-testid=queue-empty], [data-testid=access-empty], h1, h4").First.WaitForAsync();
            if (path.StartsWith("/customers/"))
            {
                // Every tab of the customer page, each as it shows.
                var tabs = page.GetByRole(AriaRole.Tab);
                for (var i = 0; i < await tabs.CountAsync(); i++)
                {
                    await tabs.Nth(i).ClickAsync();
                    await Axe.AssertAccessibleAsync(page, $"{role}{(dark ? " dark" : "")} customer › {(await tabs.Nth(i).InnerTextAsync()).Trim()}");
                    if (dark && i == 0)
                    {
                        await new ShellPage(page).ScreenshotAsync($"dark-{role}-customer");
                    }
                }
                continue;
            }
            await Axe.AssertAccessibleAsync(page, $"{role}{(dark ? " dark" : "")} {path}");
            if (path == "/")
            {
                // The user menu, open (it is markup the browser shows, not a popover).
                await page.GetByTestId("user-menu").GetByRole(AriaRole.Button).First.ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Change password" })).ToBeVisibleAsync();
                await Axe.AssertAccessibleAsync(page, $"{role}{(dark ? " dark" : "")} user menu");
                if (dark)
                {
                    await new ShellPage(page).ScreenshotAsync($"dark-{role}-user-menu");
                }
                await page.Keyboard.PressAsync("Escape");
            }
            if (dark && path is "/" or "/customers?view=all" or "/access-requests" or "/admin/audit" or "/reports")
            {
                await new ShellPage(page).ScreenshotAsync($"dark-{role}-{path.Trim('/').Split('?')[0].Replace('/', '-')}");
            }
        }
    }
}

/// <summary>axe-core in the page, with the WCAG 2.1 A and AA rules.</summary>
public static class Axe
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Runs axe on the page as it is now and fails naming every violation, its elements and why.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe(Wcag21AA);
        var violations = result.Violations.SelectMany(v => v.Nodes.Select(n =>
            $"{v.Id} ({v.Impact}) at {n.Html}: {n.Any.Concat(n.All).Concat(n.None).FirstOrDefault()?.Message}")).ToList();
        Assert.True(violations.Count == 0, $"{name} ({page.Url}): {violations.Count} WCAG 2.1 AA violations:\n" + string.Join("\n", violations.Take(40)));
    }

}
