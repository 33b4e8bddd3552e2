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
        // The theme's stylesheet is the dark one (MudBlazor's variables, rendered once per mode: ThemeStyles).
        Assert.Equal("dark", await ColorSchemeAsync(again.Page));
        await again.ThemeToggle.ClickAsync();
        await Assertions.Expect(again.ThemeToggle).ToHaveAttributeAsync("data-theme", "light");
        Assert.Equal("light", await ColorSchemeAsync(again.Page));
        await again.ThemeToggle.ClickAsync();
        await Assertions.Expect(again.ThemeToggle).ToHaveAttributeAsync("data-theme", "dark");
        await again.ScreenshotAsync("shell-dark");
    }

    private static async Task<string> ColorSchemeAsync(IPage page) =>
        (await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).getPropertyValue('--mud-native-html-color-scheme')")).Trim();

    [Fact]
    public async Task DrawerAndUserMenu_OpenAndCloseAsOnALaptop_AndOverThePageWhenNarrow()
    {
        var page = await browser.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        var drawer = page.Locator("#ops-drawer");
        var content = page.Locator(".mud-main-content");
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });

        // 1366 px: the drawer sits beside the page; the toggle folds it away and back.
        await Assertions.Expect(drawer).ToBeInViewportAsync();
        await Assertions.Expect(content).ToHaveCSSAsync("margin-left", "240px");
        await toggle.ClickAsync();
        await Assertions.Expect(drawer).Not.ToBeInViewportAsync();
        await Assertions.Expect(content).ToHaveCSSAsync("margin-left", "0px");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await toggle.ClickAsync();
        await Assertions.Expect(drawer).ToBeInViewportAsync();
        await Assertions.Expect(content).ToHaveCSSAsync("margin-left", "240px");

        // The user menu: its button opens it, Escape closes it (focus back on the button), a click elsewhere too.
        var menuButton = page.GetByTestId("user-menu").GetByRole(AriaRole.Button).First;
        var changePassword = page.GetByRole(AriaRole.Link, new() { Name = "Change password" });
        await menuButton.ClickAsync();
        await Assertions.Expect(changePassword).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("user-roles")).ToHaveTextAsync("Reviewer");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(changePassword).ToBeHiddenAsync();
        await Assertions.Expect(menuButton).ToBeFocusedAsync();
        await menuButton.ClickAsync();
        await Assertions.Expect(changePassword).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Welcome") }).ClickAsync();
        await Assertions.Expect(changePassword).ToBeHiddenAsync();
        // A key pressed while the menu is open is the menu's, not a page shortcut ("?" would open the shortcuts).
        await menuButton.ClickAsync();
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.GetByTestId("shortcuts")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");

        // 800 px: the drawer starts closed and opens over the page; following a link closes it.
        await page.SetViewportSizeAsync(800, 820);
        await page.ReloadAsync();
        await shell.WaitUntilInteractiveAsync();
        await Assertions.Expect(drawer).ToBeHiddenAsync();
        await Assertions.Expect(content).ToHaveCSSAsync("margin-left", "0px");
        await toggle.ClickAsync();
        await Assertions.Expect(drawer).ToBeInViewportAsync();
        await Assertions.Expect(content).ToHaveCSSAsync("margin-left", "0px");
        await shell.ScreenshotAsync("shell-narrow-drawer");
        // The page behind is dimmed; a click on it closes the drawer.
        var backdrop = page.Locator(".ops-drawer-backdrop");
        await Assertions.Expect(backdrop).ToBeVisibleAsync();
        await backdrop.ClickAsync(new() { Position = new() { X = 700, Y = 400 } });
        await Assertions.Expect(drawer).Not.ToBeInViewportAsync();
        await Assertions.Expect(backdrop).ToBeHiddenAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(drawer).ToBeInViewportAsync();
        await shell.OpenSectionAsync("Customers");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customers"));
        await Assertions.Expect(drawer).Not.ToBeInViewportAsync();
    }
}
