using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Requirements;
using MudBlazor.Services;
using Onboarding.Ops.Web.Components.Account;
using Onboarding.Ops.Web.Api;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Metrics;
using Onboarding.Ops.Web.Features.Staff;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Hosting;

/// <summary>The app's service registrations, one method per concern, shared with the tests.</summary>
public static class OpsServices
{
    public static WebApplicationBuilder AddOps(this WebApplicationBuilder builder)
    {
        var database = DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddOpsDatabase(database);
        builder.Services.AddSingleton<Data.IDocumentStore>(new Data.FolderDocumentStore(
            SharedFolder(builder.Configuration, Data.FolderDocumentStore.PathKey, "documents", database)));
        // Sign-in cookies and webhook secrets: a named app and a kept key ring, so both survive restarts and moves. On
        // PostgreSQL the ring is in the database, so every instance reads the cookies and secrets the others wrote.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Onboarding.Ops");
        if (database.IsSqlite)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(SharedFolder(builder.Configuration, "DataProtection:KeysPath", "keys", database)));
        }
        else
        {
            dataProtection.PersistKeysToDbContext<OpsDbContext>();
        }
        builder.Services.AddSingleton<Features.Webhooks.WebhookSecrets>();
        builder.Services.AddOpsIdentity(builder.Configuration, builder.Environment.IsDevelopment());
        builder.Services.AddOpsUi(builder.Configuration);
        builder.Services.AddOpsDomain(builder.Configuration);
        builder.Services.AddOpsPartnerApi(builder.Configuration);
        builder.Services.AddOpsProxies(builder.Configuration);
        builder.Services.AddOpsMetrics(builder.Configuration);
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<OpsDbContext>(tags: [OpsHealth.Ready])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [OpsHealth.Ready]);
        return builder;
    }

    /// <summary>
    /// Behind a TLS-terminating proxy: X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies named
    /// in Proxy:KnownProxies (addresses) and Proxy:KnownNetworks (CIDR), besides this machine's loopback. Then the
    /// request counts as https, so the sign-in cookie is Secure and links are built on https.
    /// </summary>
    public static IServiceCollection AddOpsProxies(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
            foreach (var network in configuration.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

    /// <summary>
    /// The folder a setting names. On SQLite it defaults to one of that name beside the database file (and a relative
    /// setting is read from there); on a server database it must be set: a folder every instance shares.
    /// </summary>
    private static string SharedFolder(IConfiguration configuration, string key, string name, DatabaseSettings database)
    {
        var configured = configuration[key];
        if (database.SqliteFolder is { } beside)
        {
            return string.IsNullOrWhiteSpace(configured) ? Path.Combine(beside, name) : Path.GetFullPath(configured, beside);
        }
        return string.IsNullOrWhiteSpace(configured) || !Path.IsPathRooted(configured)
            ? throw new InvalidOperationException(
                $"Setting '{key}' must be an absolute path on {database.Provider}: a folder every app instance shares.")
            : configured;
    }

    public static IServiceCollection AddOpsDatabase(this IServiceCollection services, DatabaseSettings database)
    {
        // The factory serves feature services (one context per operation); Identity's stores get a scoped context.
        // Every context fills the outbox from the verbs' domain events as it saves.
        services.AddSingleton(database);
        services.TryAddSingleton(AppInstance.New());
        if (!database.IsSqlite)
        {
            // Several instances on one server database: presence and changes travel between them (LISTEN/NOTIFY).
            services.AddSingleton<Features.Customers.PostgresActivityBus>();
            services.AddSingleton<Features.Customers.IActivityBus>(sp => sp.GetRequiredService<Features.Customers.PostgresActivityBus>());
            services.AddHostedService(sp => sp.GetRequiredService<Features.Customers.PostgresActivityBus>());
        }
        // Every save also counts the decisions it wrote (the metrics).
        services.AddMetrics();
        services.TryAddSingleton<Features.Metrics.OpsMetrics>();
        services.TryAddSingleton<Features.Metrics.DecisionsCounter>();
        services.AddDbContextFactory<OpsDbContext, OpsContexts>((sp, options) => database.Apply(options)
            .AddInterceptors(Features.Webhooks.PartnerEventsInterceptor.Instance, sp.GetRequiredService<Features.Metrics.DecisionsCounter>()));
        services.AddSingleton(sp => (OpsContexts)sp.GetRequiredService<IDbContextFactory<OpsDbContext>>());
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    public static IServiceCollection AddOpsIdentity(this IServiceCollection services, IConfiguration configuration, bool isDevelopment)
    {
        var maxFailedAttempts = PositiveInt(configuration, "Identity:Lockout:MaxFailedAttempts", 5);
        var lockoutMinutes = PositiveInt(configuration, "Identity:Lockout:Minutes", 15);

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, Api.PartnerKeyAuthentication>(Api.PartnerKeyAuthentication.SchemeName, null);
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.Name = "OnboardingOps.Auth";
        });
        // "Remember this device" after a second factor: a cookie of its own, ended early by an authenticator reset.
        var rememberDeviceDays = PositiveInt(configuration, "Identity:TwoFactor:RememberDeviceDays", 14);
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, cookie =>
        {
            cookie.Cookie.Name = "OnboardingOps.Device";
            cookie.ExpireTimeSpan = TimeSpan.FromDays(rememberDeviceDays);
        });
        // A locked or demoted account loses its session within a minute, not at the default 30.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddIdentityCore<StaffUser>(options =>
            {
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = maxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(lockoutMinutes);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OpsDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddSingleton(TwoFactorPolicy.From(configuration, isDevelopment));
        services.AddAuthorization(Policies.Configure);
        services.AddScoped<CurrentStaff>();
        return services;
    }

    /// <summary>The domain's reference data: requirement defaults and the SLA targets from configuration.</summary>
    public static IServiceCollection AddOpsDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(RequirementPolicy.Default);
        var publicBase = configuration["HostedFlow:PublicBaseUrl"];
        services.AddSingleton(new Features.Customers.LinkSettings(
            TimeSpan.FromDays(PositiveInt(configuration, "HostedFlow:LinkLifetimeDays", 14)), string.IsNullOrWhiteSpace(publicBase) ? null : publicBase));
        var threshold = configuration.GetValue("Screening:Threshold", Features.Screening.ScreeningSettings.DefaultThreshold);
        if (threshold is <= 0 or > 1)
        {
            throw new InvalidOperationException($"Screening:Threshold must be a score above 0 and at most 1, not {threshold}.");
        }
        services.AddSingleton(new Features.Screening.ScreeningSettings(threshold, configuration["Screening:ImportFolder"] is { Length: > 0 } folder ? folder : null));
        services.AddSingleton(new SlaTargets(
            TimeSpan.FromHours(PositiveInt(configuration, "Sla:PendingReviewHours", 24)),
            TimeSpan.FromHours(PositiveInt(configuration, "Sla:UpdateReviewHours", 24)),
            TimeSpan.FromHours(PositiveInt(configuration, "Sla:AccessRequestHours", 48))));
        return services;
    }

    /// <summary>
    /// The partner API's limits: a fixed window per API key, answered with 429 and Retry-After, and a cap on how many
    /// partner requests an instance runs at once.
    /// </summary>
    public static IServiceCollection AddOpsPartnerApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPartnerApiDocument();
        services.AddHttpClient(Features.Webhooks.WebhookDispatcher.HttpClientName,
            client => client.Timeout = TimeSpan.FromSeconds(PositiveInt(configuration, "Webhooks:TimeoutSeconds", 10)));
        if (configuration.GetValue("Webhooks:DeliverInBackground", true))
        {
            services.AddHostedService<Features.Webhooks.WebhookDelivery>();
        }
        var perMinute = PositiveInt(configuration, "PartnerApi:RequestsPerMinute", 120);
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Api.PartnerApi.RateLimit, context => PerMinute(context,
                "api-key:" + (context.User.FindFirstValue(Api.PartnerKeyAuthentication.KeyIdClaim) ?? "none"), perMinute));
            // The public verification page: a few attempts a minute per address, so tokens cannot be guessed at speed.
            var attempts = PositiveInt(configuration, "HostedFlow:AttemptsPerMinute", 20);
            // Partner requests run a few at a time per instance, the rest wait their turn (awaited, holding no thread
            // or connection): fifty partner clients must not take the CPU and the database from the staff screens.
            var concurrent = PositiveInt(configuration, "PartnerApi:ConcurrentRequests", 8);
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments(Features.Customers.LinkSettings.Path.TrimEnd('/'))
                    ? PerMinute(context, "hosted:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), attempts)
                    : Api.PartnerApi.IsPartnerPath(context)
                    ? RateLimitPartition.GetConcurrencyLimiter("partner-api", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = concurrent, QueueLimit = 1000, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    })
                    : RateLimitPartition.GetNoLimiter("other"));
            limiter.OnRejected = (rejected, _) =>
            {
                // A window says when it opens again; a full queue of partner requests clears in moments.
                var windowed = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
                var wait = windowed ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (!Api.PartnerApi.IsPartnerPath(rejected.HttpContext))
                {
                    return new ValueTask(Results.Text("Too many attempts from this connection. Wait a minute, then open your link again.",
                        statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(rejected.HttpContext));
                }
                var why = windowed
                    ? $"Too many requests for this API key (limit {perMinute} a minute)."
                    : "The platform is busy with too many requests at once.";
                return new ValueTask(Api.Envelope.Error(StatusCodes.Status429TooManyRequests, "rate_limited",
                    $"{why} Retry after {seconds} s.").ExecuteAsync(rejected.HttpContext));
            };
        });
        return services;
    }

    /// <summary>
    /// A one-minute fixed window per key: counted in memory on SQLite (one instance), in the database on PostgreSQL,
    /// so a partner or an address gets the limit once, however many instances its requests are spread over.
    /// </summary>
    private static RateLimitPartition<string> PerMinute(HttpContext context, string key, int permits)
    {
        var services = context.RequestServices;
        return services.GetRequiredService<DatabaseSettings>().IsSqlite
            ? RateLimitPartition.GetFixedWindowLimiter(key,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.Get(key, _ => new SharedWindowLimiter(
                services.GetRequiredService<IDbContextFactory<OpsDbContext>>(), services.GetRequiredService<TimeProvider>(), key, permits, TimeSpan.FromMinutes(1)));
    }

    public static IServiceCollection AddOpsUi(this IServiceCollection services, IConfiguration configuration)
    {
        // A tab closed or reloaded leaves its circuit behind for a reconnect that will not come: keep it a minute (enough
        // for a network hiccup or a laptop lid), not the framework's three, and at most a bounded number of them.
        services.AddRazorComponents().AddInteractiveServerComponents(circuits =>
        {
            circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(configuration.GetValue("Circuits:DisconnectedRetentionSeconds", 60));
            circuits.DisconnectedCircuitMaxRetained = configuration.GetValue("Circuits:MaxDisconnected", 100);
            // .NET 10 keeps an evicted circuit's persistent state in memory (two hours by default) to resume it later;
            // our pages persist only what the prerender hands to the interactive render (a queue's rows among it), which
            // would come back hours stale. Not kept: a tab back from a long sleep reloads.
            circuits.PersistedCircuitInMemoryMaxRetained = 0;
        });
        services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight);
        services.AddSingleton<Components.Layout.ThemeStyles>();
        services.AddScoped<StaffDirectory>();
        services.AddSingleton<StaffSignIns>();
        services.AddScoped<Features.ReferenceData.CountryEligibility>();
        services.AddScoped<Features.FourEyes.SecondReviews>();
        services.AddScoped<Features.ReferenceData.RiskSettings>();
        services.AddScoped<Features.Hosted.VerificationLinks>();
        services.AddScoped<Features.Hosted.HostedFlow>();
        services.AddScoped<StaffPreferences>();
        services.AddScoped<Features.Customers.CustomerQueue>();
        services.AddScoped<Features.Customers.SavedViews>();
        services.AddScoped<Features.Customers.CustomerRecord>();
        services.AddScoped<Features.Customers.Reveals>();
        services.AddScoped<Features.Customers.CustomerDecisions>();
        services.AddSingleton<Features.Customers.CustomerIntake>();
        services.AddSingleton<Features.Customers.CustomerActivity>();
        services.TryAddSingleton(AppInstance.New());
        services.TryAddSingleton<Features.Customers.IActivityBus, Features.Customers.NoActivityBus>();
        services.AddScoped<Features.AccessRequests.AccessRequestQueue>();
        services.AddScoped<Features.Overview.OverviewFigures>();
        services.AddScoped<Features.Reports.OpsReports>();
        services.AddSingleton<Features.Reports.ReportTallies>();
        services.AddSingleton<Features.Reports.ReportRollups>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Reports.ReportRollups>());
        services.AddScoped<Features.AccessRequests.AccessDecisions>();
        services.AddScoped<Features.Partners.PartnerDirectory>();
        services.AddSingleton<Features.Customers.HoldWakeUp>();
        services.AddSingleton<Features.Webhooks.WebhookDispatcher>();
        services.AddScoped<Features.Webhooks.WebhookLog>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Customers.HoldWakeUp>());
        services.AddSingleton<Features.Retention.Housekeeping>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Retention.Housekeeping>());
        services.AddSingleton<Features.Audit.AuditVerifier>();
        services.AddSingleton<Features.Audit.AuditJobs>();
        services.AddScoped<Features.Audit.ExaminerFile>();
        services.AddScoped<Features.Audit.AuditTrail>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Audit.AuditJobs>());
        services.AddSingleton<Features.Risk.RiskReassessment>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Risk.RiskReassessment>());
        services.AddSingleton<Features.Screening.Screener>();
        services.AddScoped<Features.Screening.ScreeningLists>();
        services.AddSingleton<Features.Screening.ScreeningImports>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Screening.ScreeningImports>());
        return services;
    }

    private static int PositiveInt(IConfiguration configuration, string key, int fallback)
    {
        var raw = configuration[key];
        if (raw is null)
        {
            return fallback;
        }
        return int.TryParse(raw, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"Setting '{key}' must be a whole number above zero, not '{raw}'.");
    }
}
