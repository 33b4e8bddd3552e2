using Microsoft.Playwright;
using Onboarding.Ops.Testing;

namespace Onboarding.Ops.E2E;

public sealed class StaffJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_CreatesAReviewer_WhoMustChooseAPasswordAtFirstSignIn()
    {
        var adminPage = await browser.NewPageAsync();
        await new LoginPage(adminPage).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        var staff = new StaffAdminPage(adminPage);
        await staff.OpenAsync();

        await staff.CreateAsync("Amara Okafor", "amara.okafor@ops.example", "Welcome-2026-ops!", "Reviewer");

        await Assertions.Expect(staff.Row("amara.okafor@ops.example")).ToContainTextAsync("Must change password");
        await new ShellPage(adminPage).ScreenshotAsync("admin-staff");

        var page = await browser.NewPageAsync();
        var login = new LoginPage(page);
        await login.OpenAsync();
        await login.SubmitAsync("amara.okafor@ops.example", "Welcome-2026-ops!");
        await Assertions.Expect(login.Heading).ToHaveTextAsync("Change password");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "change-password.png") });

        await new ChangePasswordPage(page).ChangeAsync("Welcome-2026-ops!", "Amara-own-Passw0rd!");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your password has been changed");
        await page.GotoAsync("/customers");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customers" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Admin_TryingToDemoteTheLastAdmin_IsToldWhyAndNothingChanges()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        var staff = new StaffAdminPage(page);
        await staff.OpenAsync();

        await staff.Row(OpsAppFactory.Admin).GetByRole(AriaRole.Button, new() { Name = "Change roles of Ada Admin" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Admin", new() { Exact = true }).UncheckAsync();
        await dialog.GetByLabel("Reviewer").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();

        await Assertions.Expect(dialog.GetByTestId("dialog-error")).ToContainTextAsync("last active admin");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "admin-last-admin.png") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(staff.Row(OpsAppFactory.Admin)).Not.ToContainTextAsync("Reviewer");
    }

    [Fact]
    public async Task Admin_IssuesAPartnerKey_ThatOpensThePartnerApi()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        var partners = new PartnersPage(page);
        await partners.OpenAsync();

        var secret = await partners.IssueKeyAsync("lumen-wallet");
        await new ShellPage(page).ScreenshotAsync("admin-partners");

        // The browser context carries the admin's cookie: that alone must not open the partner API.
        var api = page.Context.APIRequest;
        var withKey = await api.GetAsync($"{browser.BaseUrl}/api/v1/card-types", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {secret}" } });
        var without = await api.GetAsync($"{browser.BaseUrl}/api/v1/card-types");
        Assert.Equal(200, withKey.Status);
        Assert.Equal(401, without.Status);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-partner=lumen-wallet]")).ToContainTextAsync(secret[..10]);
    }
}
