using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Risk;
using Onboarding.Ops.Web.Hosting;

namespace Onboarding.Ops.Web.Tests;

/// <summary>
/// The upgrade step for customers an older version wrote before risk and periodic reviews existed, on a database
/// migrated without it (the app's own start runs it at once), on each provider.
/// </summary>
public sealed class RiskUpgradeTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "onboarding-ops-tests", Guid.NewGuid().ToString("N"));
    private TestDatabase database = default!;
    private ServiceProvider provider = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        database = TestDatabase.Create(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        var services = new ServiceCollection().AddLogging().AddOpsDatabase(DatabaseSettings.From(configuration, folder));
        services.AddOpsIdentity(configuration, isDevelopment: true); // Identity's options shape the model (STACK.md)
        provider = services.BuildServiceProvider();
        await using var db = Db();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        database.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private OpsDbContext Db() => provider.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    [Fact]
    public async Task CustomersWrittenBeforeRiskAndReviews_AreAssessedOnce_AndTheActiveOnesComeDueForReview()
    {
        var (active, pending, assessed) = (A.Active(), A.Pending(), A.Active());
        await using (var db = Db())
        {
            db.Partners.Add(new Domain.Partners.Partner("lumen-wallet", "Lumen Wallet"));
            db.Customers.AddRange(active, pending, assessed);
            await db.SaveChangesAsync();
            await RiskAssessor.AssessAsync(db, [assessed], A.T0.AddDays(1));
            await db.SaveChangesAsync();
            // As an older version left them: the active one approved before periodic reviews, neither assessed.
            await db.Database.ExecuteSqlAsync($"""UPDATE "Customers" SET "LastReviewedAt" = NULL, "NextReviewOn" = NULL WHERE "Id" = {active.Id}""");
        }
        var now = A.T0.AddDays(30);

        await using (var db = Db())
        {
            Assert.Equal(2, await RiskAssessor.AssessTheUnassessedAsync(db, now));
            Assert.Null(await RiskAssessor.AssessTheUnassessedAsync(db, now.AddDays(1)));
        }

        await using var check = Db();
        var customers = await check.Customers.AsNoTracking().ToDictionaryAsync(c => c.Id);
        Assert.Equal((now, A.T0.AddHours(2), new DateOnly(2029, 11, 2)),
            (customers[active.Id].RiskAssessedAt, customers[active.Id].LastReviewedAt, customers[active.Id].NextReviewOn));
        Assert.Equal((now, (DateTimeOffset?)null, (DateOnly?)null),
            (customers[pending.Id].RiskAssessedAt, customers[pending.Id].LastReviewedAt, customers[pending.Id].NextReviewOn));
        Assert.Equal(A.T0.AddDays(1), customers[assessed.Id].RiskAssessedAt); // assessed and scheduled already: left alone
        var step = await check.AuditEntries.SingleAsync(e => e.SubjectType == RiskAssessor.UpgradeSubject);
        Assert.Equal(("customers_assessed_on_upgrade", """{"customers":2}"""), (step.Action, step.Details));
        Assert.Equal(2, await check.AuditEntries.CountAsync(e => e.Action == "risk_assessed" && e.At == now));
    }
}
