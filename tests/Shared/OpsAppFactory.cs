using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Staff;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Testing;

/// <summary>
/// The real app on a fresh database of its own (SQLite, or PostgreSQL when the tests run there: <see cref="TestDatabase"/>). Development by default, so the demo staff accounts exist;
/// settings given here override appsettings.json the way environment variables would.
/// </summary>
public class OpsAppFactory(string environment = "Development", IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string DemoPassword = StaffSeeder.DemoPassword;

    /// <summary>The first demo account of each role.</summary>
    public static readonly IReadOnlyDictionary<string, string> DemoEmailByRole =
        StaffSeeder.DemoStaff.GroupBy(s => s.Role).ToDictionary(g => g.Key, g => g.First().Email);

    public static string Admin => DemoEmailByRole[StaffRoles.Admin];
    public static string Reviewer => DemoEmailByRole[StaffRoles.Reviewer];
    public static string Support => DemoEmailByRole[StaffRoles.Support];
    public static string ProductApprover => DemoEmailByRole[StaffRoles.ProductApprover];
    /// <summary>The second reviewer and approver: the checkers of four eyes.</summary>
    public static string SecondReviewer => StaffSeeder.DemoStaff.Where(s => s.Role == StaffRoles.Reviewer).Skip(1).First().Email;
    public static string SecondApprover => StaffSeeder.DemoStaff.Where(s => s.Role == StaffRoles.ProductApprover).Skip(1).First().Email;

    private TestDatabase? database;
    private bool ownsDatabase = true;

    /// <summary>The app's temporary folder: its SQLite file, its documents and key ring.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "onboarding-ops-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The app's database: its own unless one is given (two apps in turn on one database); disposed with it if its own.</summary>
    public TestDatabase Database
    {
        get => database ??= TestDatabase.Create(Folder);
        init => (database, ownsDatabase) = (value, false);
    }

    /// <summary>A clock the test controls (a FakeTimeProvider); the system clock when not set.</summary>
    public TimeProvider? Clock { get; init; }

    private readonly ErrorLog errors = new();

    /// <summary>What the app logged at Error or above: a normal journey logs nothing there.</summary>
    public IReadOnlyCollection<string> Errors => errors.Entries;

    /// <summary>Forgets what was logged so far (a shared app, between tests).</summary>
    public void ClearErrors() => errors.Clear();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureLogging(logging => logging.AddProvider(errors));
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }
        // A small demo population keeps each app start quick; tests that need more say so.
        builder.UseSetting("DemoData:Customers", "40");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        if (Clock is { } clock)
        {
            builder.ConfigureServices(services => services.AddSingleton(clock));
        }
        // First() with neither order nor filter gets whichever row the database likes: a test that meets one fails.
        builder.ConfigureServices(services => services.ConfigureDbContext<OpsDbContext>(options =>
            options.ConfigureWarnings(warnings => warnings.Throw(CoreEventId.FirstWithoutOrderByAndFilterWarning))));
        if (environment != "Development")
        {
            // Outside Development the static web assets (MudBlazor's CSS and JS) are only found with this.
            builder.UseStaticWebAssets();
        }
    }

    /// <summary>
    /// Starts the app and waits for its background work's first round (a checkpoint of the trail, the hold wake-up, …):
    /// the host does not, and a round landing in the middle of a test's writes (or after a shared app kept its start-up
    /// state) made the test's outcome depend on the machine's speed.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        var rounds = host.Services.GetServices<IHostedService>().OfType<Onboarding.Ops.Web.Features.Recurring>()
            .Select(work => work.FirstRound.WaitAsync(TimeSpan.FromMinutes(1)));
        Task.WhenAll(rounds).GetAwaiter().GetResult();
        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (ownsDatabase)
        {
            database?.Dispose();
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file is harmless; never fail a test over it.
        }
    }
}

/// <summary>Keeps the app's error log lines, so a test can say none was written.</summary>
public sealed class ErrorLog : Microsoft.Extensions.Logging.ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> entries = new();

    public IReadOnlyCollection<string> Entries => entries;

    public void Clear() => entries.Clear();

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> entries) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Error;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue($"{category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
            }
        }
    }
}
