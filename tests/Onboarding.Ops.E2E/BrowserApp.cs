using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Data;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.E2E;

/// <summary>The real app on Kestrel (in-process, a free port, its own SQLite file) and Debian's Chromium.</summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const int MaxFailedAttempts = 3;
    public const string LockoutTarget = "lockout.target@ops.example";
    public const string TwoFactorUser = "tomas.twofactor@ops.example";

    private IPlaywright? playwright;

    public OpsAppFactory App { get; } = new(settings: new Dictionary<string, string?>
    {
        ["Identity:Lockout:MaxFailedAttempts"] = MaxFailedAttempts.ToString(),
        ["Webhooks:PollSeconds"] = "1",
    });

    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotFolder { get; } = FindScreenshotFolder();

    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // The browser must see "localhost", not an IP origin (STACK.md).
        BaseUrl = address.Replace("127.0.0.1", "localhost").Replace("[::1]", "localhost").TrimEnd('/');

        await using (var scope = App.Services.CreateAsyncScope())
        {
            // Accounts of their own for journeys that change an account, so other journeys keep the demo ones as seeded.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            foreach (var (email, name, role) in new[] { (LockoutTarget, "Lena Lockout", StaffRoles.Support), (TwoFactorUser, "Tomas Twofactor", StaffRoles.Reviewer) })
            {
                var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
                await users.CreateAsync(user, OpsAppFactory.DemoPassword);
                await users.AddToRoleAsync(user, role);
            }
        }

        // Two cores running the app, the browser and the tests: give assertions room before calling them failed.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(playwright);
    }

    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => Chromium.LaunchAsync(playwright);

    /// <summary>A fresh browser context per test: no cookies carried from one journey to the next.</summary>
    public async Task<IPage> NewPageAsync() => await NewPageAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 1366, Height = 820 },
    });

    /// <summary>A phone-sized touch screen, as end users open their verification link.</summary>
    public async Task<IPage> NewPhonePageAsync() => await NewPageAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
    });

    /// <summary>A fresh browser context with the given options (a viewport, a time zone); the app's address is set here.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions options)
    {
        options.BaseURL = BaseUrl;
        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        // What the Content-Security-Policy blocked: a page that works may still have lost a script or a style.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                PolicyViolations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    public System.Collections.Concurrent.ConcurrentQueue<string> PolicyViolations { get; } = new();

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        App.Dispose();
    }

    private static string FindScreenshotFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Onboarding.Ops.sln")))
        {
            dir = dir.Parent;
        }
        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
