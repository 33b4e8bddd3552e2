using Microsoft.Playwright;
using Onboarding.Ops.Testing;

namespace Onboarding.Ops.E2E;

public sealed class ShellJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("Admin", "Overview,Customers,Access requests,Reports,Audit trail,Admin,Staff,Partners,Reference data,Screening lists")]
    [InlineData("Reviewer", "Overview,Customers")]
    [InlineData("Support", "Overview,Customers")]
    [InlineData("ProductApprover", "Overview,Access requests")]
    [InlineData("Compliance", "Overview,Customers,Reports,Audit trail")]
    public async Task SignIn_AsDemoRole_ShowsThatRolesNavigation(string role, string expected)
    {
        var page = await browser.NewPageAsync();

        var shell = await new LoginPage(page).SignInAsync(OpsAppFactory.DemoEmailByRole[role], OpsAppFactory.DemoPassword);

        Assert.Equal(expected.Split(','), await shell.NavigationEntriesAsync());
        await shell.ScreenshotAsync($"shell-{role}");
    }

    [Fact]
    public async Task SignIn_WrongPasswordRepeatedly_LocksTheAccount_WithoutSayingSo()
    {
        var page = await browser.NewPageAsync();
        var login = new LoginPage(page);
        await login.OpenAsync();

        await login.SubmitAsync(BrowserApp.LockoutTarget, "not-my-password");
        await Assertions.Expect(login.Error).ToContainTextAsync("The email or password is not right");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "login-error.png") });

        for (var attempt = 2; attempt <= BrowserApp.MaxFailedAttempts; attempt++)
        {
            await login.SubmitAsync(BrowserApp.LockoutTarget, "not-my-password");
        }

        // Locked now: even the right password is refused, with the one message every failure gets.
        await login.SubmitAsync(BrowserApp.LockoutTarget, OpsAppFactory.DemoPassword);
        await Assertions.Expect(login.Heading).ToHaveTextAsync("Sign in");
        await Assertions.Expect(login.Error).ToContainTextAsync("The email or password is not right, or the account is locked");
        await Assertions.Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "lockout.png") });
    }

    [Fact]
    public async Task StaffPages_UnderTheContentSecurityPolicy_LoseNothing()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        var queue = new QueuePage(page);
        await queue.OpenAsync("?view=all");
        var customer = await queue.OpenRowAsync(0);
        await customer.OpenTabAsync("Documents");
        await page.GotoAsync("/");
        await new ShellPage(page).WaitUntilInteractiveAsync();

        Assert.Empty(browser.PolicyViolations);
    }

    [Fact]
    public async Task SignOut_FromTheUserMenu_ReturnsToSignInAndProtectsPages()
    {
        var page = await browser.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync(OpsAppFactory.Support, OpsAppFactory.DemoPassword);

        await shell.SignOutAsync();
        await page.GotoAsync("/customers");

        await Assertions.Expect(new LoginPage(page).Heading).ToHaveTextAsync("Sign in");
        Assert.Contains("ReturnUrl", page.Url, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ThemeToggle_IsRememberedForTheUser()
    {
        var page = await browser.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync(OpsAppFactory.ProductApprover, OpsAppFactory.DemoPassword);
        await Assertions.Expect(shell.ThemeToggle).ToHaveAttributeAsync("data-theme", "light");

        await shell.ThemeToggle.ClickAsync();
        await Assertions.Expect(shell.ThemeToggle).ToHaveAttributeAsync("data-theme", "dark");
        var again = await new LoginPage(await browser.NewPageAsync()).SignInAsync(OpsAppFactory.ProductApprover, OpsAppFactory.DemoPassword);

        await Assertions.Expect(again.ThemeToggle).ToHaveAttributeAsync("data-theme", "dark");
        await again.ScreenshotAsync("shell-dark");
    }
}
