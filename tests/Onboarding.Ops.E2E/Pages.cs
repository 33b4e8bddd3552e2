using Microsoft.Playwright;

namespace Onboarding.Ops.E2E;

/// <summary>The sign-in page, one method per thing a person does there.</summary>
public sealed class LoginPage(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/Account/Login");

    public async Task SubmitAsync(string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async Task<ShellPage> SignInAsync(string email, string password)
    {
        await OpenAsync();
        await SubmitAsync(email, password);
        var shell = new ShellPage(page);
        await shell.WaitUntilInteractiveAsync();
        return shell;
    }

    public ILocator Error => page.GetByRole(AriaRole.Alert);
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
}

/// <summary>The signed-in shell: app bar, navigation drawer, user menu.</summary>
public sealed class ShellPage(IPage page)
{
    public IPage Page => page;

    public async Task WaitUntilInteractiveAsync() =>
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public async Task<IReadOnlyList<string>> NavigationEntriesAsync()
    {
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" });
        var texts = await nav.Locator(".mud-nav-link-text").AllInnerTextsAsync();
        return [.. texts.Select(t => t.Trim())];
    }

    public async Task OpenSectionAsync(string name)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await WaitUntilInteractiveAsync();
    }

    public async Task SignOutAsync()
    {
        await page.GetByTestId("user-menu").GetByRole(AriaRole.Button).First.ClickAsync();
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await signOut.WaitForAsync();
        await ScreenshotAsync("user-menu");
        await signOut.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    public ILocator ThemeToggle => page.GetByTestId("theme-toggle");

    public async Task ScreenshotAsync(string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, name + ".png"), FullPage = true });
}

/// <summary>Setting up and using an authenticator app, as a person with the app on their phone would.</summary>
public sealed class TwoFactorPages(IPage page)
{
    public ILocator Key => page.GetByTestId("authenticator-key");
    public ILocator RecoveryCodes => page.GetByTestId("recovery-codes");

    /// <summary>The six digits the phone shows now for the key the page showed.</summary>
    public static string CodeFor(string key, int stepsAhead = 0) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key.Replace(" ", "").ToUpperInvariant())).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * stepsAhead));

    public async Task<string> EnrolAsync()
    {
        await page.GotoAsync("/Account/Manage/TwoFactor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var key = await Key.InnerTextAsync();
        await page.GetByLabel("Enter the six-digit code").FillAsync(CodeFor(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await RecoveryCodes.WaitForAsync();
        return key;
    }

    public async Task EnterCodeAsync(string code, bool rememberDevice = false)
    {
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        if (rememberDevice)
        {
            await page.GetByLabel("Remember this device").CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}

/// <summary>Admin › Staff.</summary>
public sealed class StaffAdminPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/staff");
        await new ShellPage(page).WaitUntilInteractiveAsync();
    }

    public async Task CreateAsync(string name, string email, string password, string role)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "New staff account" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Display name").FillAsync(name);
        await dialog.GetByLabel("Email").FillAsync(email);
        await dialog.GetByLabel("Initial password").FillAsync(password);
        await dialog.GetByLabel(role).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
    }

    public ILocator Row(string text) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });
}

/// <summary>The static change-password page.</summary>
public sealed class ChangePasswordPage(IPage page)
{
    public async Task ChangeAsync(string current, string next)
    {
        await page.GetByLabel("Current password").FillAsync(current);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(next);
        await page.GetByLabel("Confirm new password").FillAsync(next);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
    }
}

/// <summary>Admin › Partners: keys and webhooks, as an admin sets a partner up.</summary>
public sealed class PartnersPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/partners");
        await new ShellPage(page).WaitUntilInteractiveAsync();
    }

    private ILocator Partner(string partnerId) => page.Locator($"[data-partner={partnerId}]");

    /// <summary>Issues an API key and returns its secret, read from the one time it is shown.</summary>
    public async Task<string> IssueKeyAsync(string partnerId)
    {
        await Partner(partnerId).GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("issued-key")).ToContainTextAsync("New API key");
        return await page.GetByTestId("issued-secret").InnerTextAsync();
    }

    /// <summary>Points the partner's webhook at a URL, makes a signing secret and returns it.</summary>
    public async Task<string> SetWebhookAsync(string partnerId, string url)
    {
        var partner = Partner(partnerId);
        await partner.GetByLabel("Webhook URL", new() { Exact = true }).FillAsync(url);
        await partner.GetByRole(AriaRole.Button, new() { Name = "Save webhook URL" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Webhook URL saved.")).ToBeVisibleAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Create secret" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("issued-key")).ToContainTextAsync("Webhook signing secret");
        return await page.GetByTestId("issued-secret").InnerTextAsync();
    }

    /// <summary>The level of customers the partner creates through the public API without naming one.</summary>
    public async Task SetDefaultLevelAsync(string partnerId, string level)
    {
        await Partner(partnerId).GetByTestId("default-level").ClickAsync();
        await MudLists.PickAsync(page, level);
        await Assertions.Expect(page.GetByText($"Customers created without a level are now {level}.")).ToBeVisibleAsync();
    }

    public async Task SendTestEventAsync(string partnerId) =>
        await Partner(partnerId).GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
}

/// <summary>A partner's integration calling the API with one of its keys (through a page's browser context).</summary>
public sealed class PartnerIntegration(IPage page, string key)
{
    private Dictionary<string, string> Bearer => new() { ["Authorization"] = $"Bearer {key}" };

    /// <summary>POST /customers; the created customer's data (anything but a 201 fails the journey).</summary>
    public async Task<System.Text.Json.JsonElement> CreateCustomerAsync(object customer)
    {
        var created = await page.Context.APIRequest.PostAsync("/api/v1/customers", new() { Headers = Bearer, DataObject = customer });
        Xunit.Assert.Equal(201, created.Status);
        return System.Text.Json.JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("data");
    }

    public async Task<IAPIResponse> ChangeCustomerAsync(string id, object change) =>
        await page.Context.APIRequest.PatchAsync($"/api/v1/customers/{id}", new() { Headers = Bearer, DataObject = change });

    /// <summary>POST /customers/{id}/documents, as multipart form data; fields are type, issuingCountry, expiresOn or issuedOn.</summary>
    public async Task<IAPIResponse> SendDocumentAsync(string id, byte[] file, string fileName, params (string Name, string Value)[] fields)
    {
        var form = page.Context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }
        form.Set("file", new FilePayload { Name = fileName, MimeType = "image/png", Buffer = file });
        return await page.Context.APIRequest.PostAsync($"/api/v1/customers/{id}/documents", new() { Headers = Bearer, Multipart = form });
    }

    public async Task<IAPIResponse> AnswerSourceOfFundsAsync(string id, object answers) =>
        await page.Context.APIRequest.PutAsync($"/api/v1/customers/{id}/source-of-funds", new() { Headers = Bearer, DataObject = answers });

    public async Task<IAPIResponse> RequestAccessAsync(string id, object product) =>
        await page.Context.APIRequest.PostAsync($"/api/v1/customers/{id}/access-requests", new() { Headers = Bearer, DataObject = product });

    /// <summary>A call as the official SDKs make it, to the public API's base URL; the answer's data (anything but the status expected fails).</summary>
    public async Task<System.Text.Json.JsonElement> PublicAsync(string method, string path, object? body, int expected)
    {
        var answer = await page.Context.APIRequest.FetchAsync($"/external/api{path}", new() { Method = method, Headers = Bearer, DataObject = body });
        var text = await answer.TextAsync();
        Xunit.Assert.True(answer.Status == expected, $"{method} {path}: {answer.Status} {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("data");
    }
}

/// <summary>Picks an option of an open MudBlazor list and waits for it to close, so the next keystrokes go to the next field
/// and not to a field the closing list hands the focus back to.</summary>
public static class MudLists
{
    public static async Task PickAsync(IPage page, string option)
    {
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
