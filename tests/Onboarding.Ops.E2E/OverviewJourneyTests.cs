using System.Text.RegularExpressions;
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
}
