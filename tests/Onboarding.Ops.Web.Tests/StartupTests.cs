using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Staff;

namespace Onboarding.Ops.Web.Tests;

public sealed class StartupTests
{
    private static readonly Dictionary<string, string?> FirstAdmin = new()
    {
        ["FirstAdmin:Email"] = "first.admin@ops.example",
        ["FirstAdmin:Password"] = "First-Admin-Pass1!",
    };

    private static string StartupError(OpsAppFactory app)
    {
        var error = Record.Exception(() => app.CreateClient());
        Assert.NotNull(error);
        return string.Join(" | ", Unwrap(error).Select(e => e.Message));
    }

    private static IEnumerable<Exception> Unwrap(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    /// <summary>Settings every start reads, and those of the provider the tests run on.</summary>
    public static TheoryData<string, string> MissingOrUnusable()
    {
        (string, string)[] everywhere =
        [
            ("Database:Provider", "Oracle"),
            ("Identity:Lockout:MaxFailedAttempts", "zero"),
            ("Identity:TwoFactor:RequiredRoles", "Reviewer,Auditor"),
            ("Identity:TwoFactor:RememberDeviceDays", "-1"),
        ];
        (string, string)[] ofTheProvider = TestDatabase.OnPostgres
            ? [("Database:ConnectionString", ""), ("Database:ConnectionString", "Host=127.0.0.1;Port=1;Database=none;Timeout=2"), ("Documents:Path", "relative/documents")]
            : [("Database:Path", ""), ("Database:Path", "/proc/onboarding-ops/ops.db")];
        var data = new TheoryData<string, string>();
        foreach (var (key, value) in everywhere.Concat(ofTheProvider))
        {
            data.Add(key, value);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MissingOrUnusable))]
    public void Start_WithMissingOrUnusableSetting_FailsNamingIt(string key, string value)
    {
        using var app = new OpsAppFactory(settings: new Dictionary<string, string?> { [key] = value });

        Assert.Contains($"'{key}'", StartupError(app));
    }

    [Fact]
    public void Start_OutsideDevelopmentWithoutFirstAdmin_FailsNamingTheSetting()
    {
        using var app = new OpsAppFactory("Production");

        Assert.Contains("'FirstAdmin:Email'", StartupError(app));
    }

    [Fact]
    public async Task Start_OutsideDevelopment_CreatesTheFirstAdminAndNoDemoAccount()
    {
        using var app = new OpsAppFactory("Production", FirstAdmin);
        using var demo = app.AnonymousClient();

        var refused = await demo.PostLoginAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        using var admin = await app.SignedInClientAsync("first.admin@ops.example", "First-Admin-Pass1!");
        var home = await admin.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The email or password is not right", await refused.Content.ReadAsStringAsync());
        Assert.Equal("/Account/Manage/ChangePassword", home.RedirectPath());
    }

    [Fact]
    public async Task FirstAdmin_OutsideDevelopment_ChangesThePassword_ThenMustSetUpTwoFactorBeforeAnythingElse()
    {
        using var app = new OpsAppFactory("Production", FirstAdmin);
        using var admin = await app.SignedInClientAsync("first.admin@ops.example", "First-Admin-Pass1!");

        await admin.PostFormAsync("/Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = "First-Admin-Pass1!", ["Input.NewPassword"] = "Own-Admin-Pass2!", ["Input.ConfirmPassword"] = "Own-Admin-Pass2!",
        });
        var next = await admin.GetAsync("/admin/staff");
        await admin.EnrolAuthenticatorAsync();

        Assert.Equal("/Account/Manage/EnableAuthenticator", next.RedirectPath());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/staff")).StatusCode);
    }

    [Fact]
    public async Task Error_OutsideDevelopment_ShowsACorrelationIdAndNoStackTrace()
    {
        using var app = new ThrowingAppFactory(FirstAdmin);
        using var client = app.AnonymousClient();

        var response = await client.GetAsync("/boom");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", body);
        Assert.Matches("data-testid=\"correlation-id\">[0-9a-f]{32}<", body);
        Assert.DoesNotContain(ThrowingAppFactory.Secret, body);
        Assert.DoesNotContain("StackTrace", body);
    }

    [Fact]
    public async Task Login_RepeatedWrongPasswords_LocksTheAccountOut()
    {
        using var app = new OpsAppFactory(settings: new Dictionary<string, string?> { ["Identity:Lockout:MaxFailedAttempts"] = "3" });
        using var client = app.AnonymousClient();

        var first = await client.PostLoginAsync(OpsAppFactory.Support, "wrong-password-1");
        var second = await client.PostLoginAsync(OpsAppFactory.Support, "wrong-password-2");
        var third = await client.PostLoginAsync(OpsAppFactory.Support, "wrong-password-3");
        var rightButLocked = await client.PostLoginAsync(OpsAppFactory.Support, OpsAppFactory.DemoPassword);

        // Locked, yet answered exactly like a wrong password: the page reveals neither the account nor the lock.
        var unknown = await client.PostLoginAsync("nobody@demo.onboarding-ops.test", "wrong-password-1");
        Assert.All(new[] { first, second, third, rightButLocked, unknown }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var pages = await Task.WhenAll(new[] { first, third, rightButLocked, unknown }.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(pages.Select(ErrorMessage).Distinct());
        Assert.Contains("or the account is locked", ErrorMessage(pages[0]));
        await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        var trail = await db.AuditEntries.Where(e => e.SubjectType == "staff_account").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal([StaffSignIns.Failed, StaffSignIns.Failed, StaffSignIns.LockedOut, StaffSignIns.RefusedLocked, StaffSignIns.Failed], trail);
    }

    private static string ErrorMessage(string page) => System.Text.RegularExpressions.Regex.Match(page, "ops-alert-error\" role=\"alert\">([^<]*)").Groups[1].Value;

    [Fact]
    public async Task Login_Failed_NeverWritesThePasswordBack_AndASignInIsAudited()
    {
        using var app = new OpsAppFactory();
        using var client = app.AnonymousClient();

        var failed = await client.PostLoginAsync(OpsAppFactory.Reviewer, "Typed-Secret-123!");
        var signedIn = await client.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);

        Assert.DoesNotContain("Typed-Secret-123!", await failed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        var reviewer = await db.Users.SingleAsync(u => u.Email == OpsAppFactory.Reviewer);
        var entries = await db.AuditEntries.Where(e => e.SubjectType == "staff_account" && e.SubjectId == reviewer.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([StaffSignIns.Failed, StaffSignIns.SignedIn], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(OpsAppFactory.Reviewer, e.Note));
    }

    /// <summary>Production app with one extra route that fails, to see what a user is shown.</summary>
    private sealed class ThrowingAppFactory(IReadOnlyDictionary<string, string?> settings) : OpsAppFactory("Production", settings)
    {
        public const string Secret = "secret-detail-that-must-not-leak";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter, ThrowAtBoom>());
        }

        private sealed class ThrowAtBoom : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Run(context => context.Request.Path == "/boom"
                    ? throw new InvalidOperationException(Secret)
                    : Task.CompletedTask);
            };
        }
    }

    [Fact]
    public void Start_WithMigrationsAsAStep_OnADatabaseNotYetMigrated_FailsNamingTheMigrateCommand()
    {
        using var app = new OpsAppFactory(settings: new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });

        var error = StartupError(app);

        Assert.Contains("'Database:MigrateOnStartup' is off", error);
        Assert.Contains("-- migrate", error);
    }

    [Fact]
    public async Task MigrateCommand_AppliesEveryMigrationAndExits_ThenAnInstanceStartsWithoutMigrating()
    {
        var folder = Path.Combine(Path.GetTempPath(), "onboarding-ops-tests", Guid.NewGuid().ToString("N"));
        using var database = TestDatabase.Create(folder);
        var web = typeof(Program).Assembly.Location;
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [web, "migrate"])
        {
            WorkingDirectory = Path.GetDirectoryName(web)!, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        foreach (var (key, value) in database.Settings)
        {
            start.Environment[key.Replace(":", "__")] = value;
        }
        try
        {
            using var migrate = System.Diagnostics.Process.Start(start)!;
            var output = migrate.StandardOutput.ReadToEndAsync();
            var errors = migrate.StandardError.ReadToEndAsync();
            await migrate.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token);

            Assert.True(migrate.ExitCode == 0, $"exit {migrate.ExitCode}: {await output} {await errors}");
            Assert.Contains("the database is up to date", await output);
            using var app = new OpsAppFactory(settings: new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" })
            {
                Database = database,
            };
            using var client = app.AnonymousClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
