using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Risk;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Features.ReferenceData;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>Risk through the services, on the real database: the admin's policy, assessments at intake, the queue's filter and sort.</summary>
public sealed class RiskServiceTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private static readonly DateTimeOffset Now = A.T0.AddDays(1);
    private readonly OpsAppFactory app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" }, new FakeTimeProvider(Now));

    private OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    private Task<DecisionResult> AsAdmin(Func<RiskSettings, Task<DecisionResult>> change) => app.RunAsAsync(OpsAppFactory.Admin, change);

    private async Task<Customer> SubmittedAsync(PersonData person)
    {
        await using var db = Db();
        var (customer, _, refused) = await app.Services.GetRequiredService<CustomerIntake>().CreateAsync(db, A.Partner,
            new NewCustomer(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.PartnerVerified, "lumen-wallet",
                Person: person, Documents: [A.Passport()], LivenessAttested: true));
        Assert.Null(refused);
        return customer!;
    }

    [Fact]
    public async Task TheAdminsPolicy_IsWhatASubmissionIsAssessedWith()
    {
        Assert.True((await AsAdmin(r => r.AddCountryAsync("ve", 40, "Demo: higher-risk jurisdiction"))).Succeeded);

        var venezuelan = await SubmittedAsync(A.Person("Rosa", "Quintero") with { Nationality = "VE" });
        var colombian = await SubmittedAsync(A.Person());

        await using var db = Db();
        var assessed = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == venezuelan.Id);
        Assert.Equal((RiskLevel.Medium, 45), (assessed.RiskLevel, assessed.RiskScore));
        Assert.Equal(["country", "verification"], assessed.RiskFactors.Select(f => f.Code));
        Assert.Equal(RiskLevel.Low, (await db.Customers.AsNoTracking().SingleAsync(c => c.Id == colombian.Id)).RiskLevel);
        Assert.Contains(await db.AuditEntries.Where(e => e.CustomerId == venezuelan.Id).Select(e => e.Action).ToListAsync(), a => a == "risk_assessed");

        var thresholds = (await app.RunAsAsync<RiskSettings, (RiskThresholdSetting, IReadOnlyList<CountryRisk>)>(OpsAppFactory.Admin, r => r.ListAsync())).Item1;
        Assert.True((await AsAdmin(r => r.SetThresholdsAsync(20, 40, ReviewSchedule.Default, thresholds.Version))).Succeeded);
        var policy = await db.RiskPolicyAsync();
        Assert.Equal((20, 40, 40), (policy.MediumFrom, policy.HighFrom, policy.CountryPoints["VE"]));
    }

    [Fact]
    public async Task APolicyChange_AssessesEveryCustomerAgain_OnceInTheBackground()
    {
        var venezuelan = await SubmittedAsync(A.Person("Rosa", "Quintero") with { Nationality = "VE" });
        var colombian = await SubmittedAsync(A.Person());
        var job = app.Services.GetRequiredService<Features.Risk.RiskReassessment>();
        Assert.Null(await job.ReassessIfPolicyChangedAsync()); // no change yet
        Assert.False((await app.RunAsAsync<RiskSettings, ReassessmentState>(OpsAppFactory.Admin, r => r.ReassessmentAsync())).Pending);

        Assert.True((await AsAdmin(r => r.AddCountryAsync("ve", 60, "Demo: sanctions programme"))).Succeeded);
        Assert.True((await app.RunAsAsync<RiskSettings, ReassessmentState>(OpsAppFactory.Admin, r => r.ReassessmentAsync())).Pending);
        await using (var db = Db())
        {
            Assert.Equal(RiskLevel.Low, (await db.Customers.AsNoTracking().SingleAsync(c => c.Id == venezuelan.Id)).RiskLevel); // not yet
        }

        Assert.Equal((2, 1), await job.ReassessIfPolicyChangedAsync());
        Assert.Null(await job.ReassessIfPolicyChangedAsync()); // done: nothing until the next change

        await using var check = Db();
        Assert.Equal((RiskLevel.High, RiskLevel.Low), (
            (await check.Customers.AsNoTracking().SingleAsync(c => c.Id == venezuelan.Id)).RiskLevel,
            (await check.Customers.AsNoTracking().SingleAsync(c => c.Id == colombian.Id)).RiskLevel));
        Assert.Contains(await check.AuditEntries.Where(e => e.CustomerId == venezuelan.Id).Select(e => e.Action).ToListAsync(), a => a == "risk_level_changed");
        var state = await app.RunAsAsync<RiskSettings, ReassessmentState>(OpsAppFactory.Admin, r => r.ReassessmentAsync());
        Assert.False(state.Pending);
        Assert.Equal("Every customer assessed again after the risk policy changed: 2 customers, 1 with a new assessment.", state.LastNote);
    }

    [Fact]
    public async Task BadInputAndStalePages_ChangeNothing_AndOnlyAdminsChange()
    {
        var thresholds = (await app.RunAsAsync<RiskSettings, (RiskThresholdSetting, IReadOnlyList<CountryRisk>)>(OpsAppFactory.Admin, r => r.ListAsync())).Item1;

        Assert.Equal("The high threshold must be above the medium one.", (await AsAdmin(r => r.SetThresholdsAsync(40, 40, ReviewSchedule.Default, thresholds.Version))).Message);
        Assert.Contains("not an ISO 3166-1", (await AsAdmin(r => r.AddCountryAsync("XX", 10, "Reason"))).Message);
        Assert.True((await AsAdmin(r => r.SetThresholdsAsync(30, 60, new ReviewSchedule(1, 1, 2), thresholds.Version))).Succeeded);
        var stale = await AsAdmin(r => r.SetThresholdsAsync(10, 20, ReviewSchedule.Default, thresholds.Version));
        Assert.Equal(DecisionOutcome.Conflict, stale.Outcome);
        foreach (var role in new[] { OpsAppFactory.Reviewer, OpsAppFactory.Support, OpsAppFactory.ProductApprover })
        {
            await Assert.ThrowsAsync<StaffForbiddenException>(() => app.RunAsAsync<RiskSettings, DecisionResult>(role, r => r.AddCountryAsync("PA", 10, "Offshore")));
        }
        await using var db = Db();
        Assert.Equal((30, 60, new ReviewSchedule(1, 1, 2)), ((await db.RiskPolicyAsync()).MediumFrom, (await db.RiskPolicyAsync()).HighFrom,
            (await db.RiskPolicyAsync()).Schedule));
        Assert.Equal("A higher risk is reviewed at least as often as a lower one.",
            (await AsAdmin(r => r.SetThresholdsAsync(30, 60, new ReviewSchedule(3, 2, 1), thresholds.Version + 1))).Message);
        Assert.Empty((await db.RiskPolicyAsync()).CountryPoints);
    }

    [Fact]
    public async Task TheQueue_FiltersAndSortsByRisk()
    {
        await AsAdmin(r => r.AddCountryAsync("NG", 60, "Demo weight"));
        var high = await SubmittedAsync(A.Person("Chiamaka", "Okafor") with { Nationality = "NG" });
        var low = await SubmittedAsync(A.Person());

        var filtered = await app.RunAsAsync<CustomerQueue, QueuePage>(OpsAppFactory.Reviewer, q => q.PageAsync(new QueueFilter { Risk = RiskLevel.High }));
        var sorted = await app.RunAsAsync<CustomerQueue, QueuePage>(OpsAppFactory.Reviewer, q => q.PageAsync(new QueueFilter { Sort = QueueSort.Risk }));

        Assert.Equal([high.Id], filtered.Rows.Select(r => r.Id));
        Assert.Equal(RiskLevel.High, filtered.Rows[0].Risk);
        Assert.Equal([high.Id, low.Id], sorted.Rows.Select(r => r.Id));
        Assert.Equal("customers?risk=high&sort=risk", new QueueFilter { Risk = RiskLevel.High, Sort = QueueSort.Risk }.Href);
        Assert.Equal(RiskLevel.High, QueueFilter.FromQueryString("?risk=high").Risk);
    }
}

/// <summary>Periodic review through the services: the view of those due, and a review completed by a reviewer only.</summary>
public sealed class PeriodicReviewServiceTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private static readonly DateTimeOffset Now = A.T0.AddDays(4);
    private readonly OpsAppFactory app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" }, new FakeTimeProvider(Now));

    [Fact]
    public async Task DueCustomers_AreListed_AndOnlyAReviewerEndsTheReview()
    {
        var due = A.ActiveDueForReview();
        var notDue = A.Active();
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext())
        {
            db.Customers.AddRange(due, notDue);
            await db.SaveChangesAsync();
        }
        Task<QueuePage> DueViewAsync() =>
            app.RunAsAsync<CustomerQueue, QueuePage>(OpsAppFactory.Reviewer, q => q.PageAsync(new QueueFilter { View = QueueView.DueForReview }));

        var listed = await DueViewAsync();
        Assert.Equal([due.Id], listed.Rows.Select(r => r.Id));

        await Assert.ThrowsAsync<StaffForbiddenException>(() => app.RunAsAsync<CustomerDecisions, DecisionResult>(OpsAppFactory.Support,
            d => d.CompleteReviewAsync(due.Id, due.Version, "Looked at it.")));
        var refused = await app.RunAsAsync<CustomerDecisions, DecisionResult>(OpsAppFactory.Reviewer, d => d.CompleteReviewAsync(notDue.Id, notDue.Version, "Looked."));
        Assert.Equal(DecisionOutcome.Refused, refused.Outcome);

        // The expired passport keeps it due: a review ends with no change only once a valid document is on file; Reject is offered.
        var rejected = await app.RunAsAsync<CustomerDecisions, DecisionResult>(OpsAppFactory.Reviewer, d => d.RejectAsync(due.Id, due.Version,
            new RejectInput(["document_expired"], false, "Your passport has expired; send a valid one to reopen.", "Periodic review.")));
        Assert.True(rejected.Succeeded, rejected.Message);
        Assert.Empty((await DueViewAsync()).Rows);
    }
}
