using Onboarding.Ops.Web.Features.Reports;
using Onboarding.Ops.Web.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.FileProviders;
using Onboarding.Ops.Web.Api;
using Onboarding.Ops.Web.Components;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Documents;
using Onboarding.Ops.Web.Features.Audit;
using Onboarding.Ops.Web.Features.Metrics;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Hosting;

public static class OpsPipeline
{
    /// <summary>
    /// Before the app takes requests: migrations (unless they are a step of their own, <see cref="DatabaseSettings.MigrateOnStartup"/>),
    /// staff accounts and, in Development, the demo data (whose due holds wake here). Other holds already due are not
    /// woken here: the hold job wakes them in batches in the background, so a database with many due holds does not keep
    /// /health down.
    /// </summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        if (app.Services.GetRequiredService<DatabaseSettings>().MigrateOnStartup(app.Configuration))
        {
            await app.MigrateDatabaseAsync();
        }
        else if ((await db.Database.GetPendingMigrationsAsync()).ToList() is { Count: > 0 } pending)
        {
            throw new InvalidOperationException(
                $"The database lacks {pending.Count} migrations and '{DatabaseSettings.MigrateOnStartupKey}' is off: run "
                + "`dotnet run --project src/Onboarding.Ops.Web -- migrate` (or the published app with the argument migrate) first.");
        }
        await Features.Staff.StaffSeeder.SeedAsync(scope.ServiceProvider, app.Environment, app.Configuration);
        if (app.Environment.IsDevelopment())
        {
            await Features.Demo.DemoData.SeedAsync(db, app.Services.GetRequiredService<TimeProvider>(), app.Configuration,
                app.Services.GetRequiredService<Data.IDocumentStore>(), app.Services.GetRequiredService<Features.Screening.Screener>());
            // The demo's holds already due wake before the first request, so every start shows the same population
            // (a small database; elsewhere the hold job wakes due holds in the background, not holding startup back).
            await app.Services.GetRequiredService<Features.Customers.HoldWakeUp>().WakeDueHoldsAsync();
        }
    }

    /// <summary>
    /// Applies the migrations (and switches SQLite to WAL), then chains audit entries written before the chains and
    /// assesses the customers written before risk and periodic reviews (each once); returns how many migrations were applied.
    /// </summary>
    public static async Task<int> MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var database = app.Services.GetRequiredService<DatabaseSettings>();
        try
        {
            if (!database.IsSqlite)
            {
                // Npgsql reads the history table before creating it and logs that failure as an error (efcore.pg#3407).
                await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
            }
            var pending = (await db.Database.GetPendingMigrationsAsync()).Count();
            await db.Database.MigrateAsync();
            if (database.IsSqlite)
            {
                // WAL lets the queue be read while a reviewer's decision is being written.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
            if (await AuditChaining.ChainUnchainedAsync(db) is > 0 and var chained)
            {
                app.Logger.LogInformation("Chained {Count} audit entries written before the audit chains", chained);
            }
            if (await Features.Risk.RiskAssessor.AssessTheUnassessedAsync(db, app.Services.GetRequiredService<TimeProvider>().GetUtcNow()) is > 0 and var assessed)
            {
                app.Logger.LogInformation("Assessed {Count} customers written before risk or periodic reviews existed", assessed);
            }
            return pending;
        }
        catch (System.Data.Common.DbException e)
        {
            var setting = database.IsSqlite ? DatabaseSettings.PathKey : DatabaseSettings.ConnectionStringKey;
            throw new InvalidOperationException(
                $"Setting '{setting}' is unusable: the database '{(database.IsSqlite ? db.Database.GetDbConnection().DataSource : db.Database.GetDbConnection().Database)}' could not be opened or migrated ({e.Message}).", e);
        }
    }

    public static WebApplication UseOps(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseOpsMetrics();
        app.Use(Security.SecurityHeaders.AddAsync);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStaticFiles(new StaticFileOptions
        {
            // Linked static web assets from outside the project are served empty under MapStaticAssets (STACK.md),
            // so the repo's wwwroot-assets/ is copied next to the binaries and served from there.
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")),
            RequestPath = "/assets",
        });
        app.UseAuthentication();
        app.UseWhen(Api.PartnerApi.IsPartnerPath, api => api.Use(OpsMetrics.CountPartnerRequestAsync));
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseWhen(Api.PartnerApi.IsPartnerPath, api => api
            .Use(Api.Envelope.ForBodilessErrorsAsync)
            .UseMiddleware<Api.Idempotency>());
        app.UseAntiforgery();
        app.Use(SendToAccountStepsFirst);

        app.MapStaticAssets();
        app.MapOpsHealth();
        app.MapPartnerApi();
        app.MapPublicApi();
        app.MapPartnerApiDocument();
        app.MapDocumentFiles();
        app.MapQueueExport();
        app.MapReportExport();
        app.MapExaminerFile();
        AuditTrail.MapCheckpointDownload(app);
        // SecurityHeaders sends the whole policy, frame-ancestors included.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAdditionalIdentityEndpoints();
        return app;
    }

    /// <summary>
    /// An account whose password an admin chose can do nothing but replace it; one that must use two-factor sign-in
    /// and has not set it up can do nothing but set it up. The account pages stay open for both.
    /// </summary>
    private static async Task SendToAccountStepsFirst(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path;
        var exempt = path.StartsWithSegments("/Account") || path.StartsWithSegments("/_framework")
            || path.StartsWithSegments("/_content") || path.StartsWithSegments("/assets")
            || path.StartsWithSegments("/health") || Api.PartnerApi.IsPartnerPath(context) || Path.HasExtension(path.Value);
        var step = exempt ? null
            : context.User.HasClaim(c => c.Type == StaffClaimsFactory.MustChangePassword) ? "/Account/Manage/ChangePassword"
            : context.User.HasClaim(c => c.Type == StaffClaimsFactory.MustEnrolTwoFactor) ? "/Account/Manage/EnableAuthenticator"
            : null;
        if (step is not null)
        {
            context.Response.Redirect(step);
            return;
        }
        await next();
    }
}
