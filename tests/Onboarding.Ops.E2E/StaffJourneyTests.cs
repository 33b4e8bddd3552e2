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

    [Fact]
    public async Task Reviewer_SetsUpAnAuthenticator_SignsInWithACode_AndAnAdminResetsIt()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(BrowserApp.TwoFactorUser, OpsAppFactory.DemoPassword);
        var twoFactor = new TwoFactorPages(page);
        var shell = new ShellPage(page);

        await page.GotoAsync("/Account/Manage/TwoFactor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up an authenticator app" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("authenticator-qr").Locator("svg")).ToBeVisibleAsync();
        await shell.ScreenshotAsync("two-factor-enrol");
        var key = await twoFactor.EnrolAsync();
        await Assertions.Expect(twoFactor.RecoveryCodes.Locator("li")).ToHaveCountAsync(10);
        await shell.ScreenshotAsync("two-factor-recovery-codes");
        await page.GetByRole(AriaRole.Link, new() { Name = "I have kept them: continue" }).ClickAsync();
        await shell.WaitUntilInteractiveAsync();
        await shell.SignOutAsync();

        var login = new LoginPage(page);
        await login.SubmitAsync(BrowserApp.TwoFactorUser, OpsAppFactory.DemoPassword);
        await Assertions.Expect(login.Heading).ToHaveTextAsync("Two-factor sign-in");
        await twoFactor.EnterCodeAsync("000000");
        await Assertions.Expect(login.Error).ToContainTextAsync("That code is not right");
        await shell.ScreenshotAsync("two-factor-code");
        await twoFactor.EnterCodeAsync(TwoFactorPages.CodeFor(key, stepsAhead: 1));
        await shell.WaitUntilInteractiveAsync();
        await page.GotoAsync("/customers");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customers" })).ToBeVisibleAsync();
        await page.GotoAsync("/Account/Manage/TwoFactor");
        await Assertions.Expect(page.GetByTestId("two-factor-status")).ToContainTextAsync("Recovery codes left: 10");
        await shell.ScreenshotAsync("two-factor-manage");

        var adminPage = await browser.NewPageAsync();
        await new LoginPage(adminPage).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        var staff = new StaffAdminPage(adminPage);
        await staff.OpenAsync();
        var row = staff.Row(BrowserApp.TwoFactorUser);
        await Assertions.Expect(row).ToContainTextAsync("On");
        await new ShellPage(adminPage).ScreenshotAsync("admin-staff-two-factor");
        await row.GetByRole(AriaRole.Button, new() { Name = "Reset two-factor of Tomas Twofactor" }).ClickAsync();
        await adminPage.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Reset" }).ClickAsync();
        await Assertions.Expect(adminPage.GetByText("Tomas Twofactor's two-factor sign-in is reset.")).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Reset two-factor of Tomas Twofactor" })).ToHaveCountAsync(0);
        await row.GetByRole(AriaRole.Button, new() { Name = "History of Tomas Twofactor" }).ClickAsync();
        var history = adminPage.GetByRole(AriaRole.Dialog).GetByTestId("audit");
        await Assertions.Expect(history).ToContainTextAsync("staff_two_factor_enrolled");
        await Assertions.Expect(history).ToContainTextAsync("staff_two_factor_reset");
        await Assertions.Expect(history).ToContainTextAsync("\"secondFactor\":\"authenticator\"");
        await new ShellPage(adminPage).ScreenshotAsync("admin-staff-history");
    }
}
