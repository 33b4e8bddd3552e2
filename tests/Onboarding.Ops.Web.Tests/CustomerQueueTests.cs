using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>
/// The queue's query service on real SQLite, over a hand-made population where each customer has one reason to be
/// where it is. Time is a fake clock set to <see cref="Now"/>.
/// </summary>
public sealed class CustomerQueueTests : IAsyncLifetime, IClassFixture<SharedApp>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);
    private readonly OpsAppFactory app;
    private readonly Dictionary<string, Customer> people = [];

    public CustomerQueueTests(SharedApp shared) =>
        app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" }, clock);

    private static Customer Pending(DateTimeOffset submitted, string first, string last, CustomerType type = CustomerType.Individual,
        VerificationModel model = VerificationModel.PartnerVerified)
    {
        var person = A.Person(first, last) with { Email = $"{first}.{last}@example.com".ToLowerInvariant(), NationalId = $"ID-{first}" };
        return Customer.Create(Actor.Partner("lumen-wallet", "Lumen Wallet"), submitted, type == CustomerType.Individual
            ? new NewCustomer(type, VerificationLevel.Basic, model, "lumen-wallet", $"REF-{first}", person, Documents: [A.Passport()], LivenessAttested: true)
            : new NewCustomer(type, VerificationLevel.Minimum, model, "paygo-mobile", $"REF-{first}",
                Company: A.Company() with { LegalName = $"{first} {last}", Email = $"{first}@corp.example".ToLowerInvariant() }), A.Policy);
    }

    public async Task InitializeAsync()
    {
        var reviewer = A.Reviewer;
        people["overdue"] = Pending(Now.AddHours(-30), "Olga", "Overdue");
        people["dueSoon"] = Pending(Now.AddHours(-20), "Diego", "Soon");
        people["onTime"] = Pending(Now.AddHours(-2), "Tomás", "Ontime");
        var update = Pending(Now.AddDays(-9), "Ursula", "Update");
        update.AcceptDocument(reviewer, Now.AddDays(-9).AddHours(1), update.Documents[0].Id);
        update.Approve(reviewer, Now.AddDays(-9).AddHours(2), A.Policy);
        update.SubmitUpdate(A.Partner, Now.AddHours(-10), new CustomerChanges(update.Person! with { LastName = "Updated" }));
        people["update"] = update;
        var waiting = Pending(Now.AddDays(-5), "Walter", "Waiting");
        waiting.RequestInformation(reviewer, Now.AddDays(-5).AddHours(1), [new(RequirementCode.ProofOfAddress, "A recent bill.")], "Please send a bill.");
        people["waiting"] = waiting;
        people["hosted"] = Customer.Create(A.Partner, Now.AddDays(-3), new NewCustomer(CustomerType.Individual, VerificationLevel.Basic,
            VerificationModel.Hosted, "lumen-wallet", "REF-hosted"), A.Policy);
        var dueHold = Pending(Now.AddDays(-4), "Hanna", "Duehold");
        dueHold.PutOnHold(reviewer, Now.AddDays(-3), "Sanctions provider", Now.AddHours(-1));
        people["dueHold"] = dueHold;
        var laterHold = Pending(Now.AddDays(-4), "Lars", "Laterhold");
        laterHold.PutOnHold(reviewer, Now.AddDays(-1), "Sanctions provider", Now.AddDays(2));
        people["laterHold"] = laterHold;
        var openHold = Pending(Now.AddDays(-4), "Otto", "Openhold");
        openHold.PutOnHold(reviewer, Now.AddDays(-1), "Chargeback", null);
        people["openHold"] = openHold;
        var rejected = Pending(Now.AddDays(-6), "Rita", "Rejected");
        rejected.Reject(reviewer, Now.AddDays(-6).AddHours(3), ["underage"], true, "Too young.", null);
        people["rejected"] = rejected;
        var active = Pending(Now.AddDays(-8), "Acme", "Holdings", CustomerType.Business);
        active.Approve(reviewer, Now.AddDays(-8).AddHours(1), A.Policy);
        people["active"] = active;
        // Waited ten days on the customer, answered half an hour ago: the reviewer's clock starts then.
        var answered = Pending(Now.AddDays(-12), "Paula", "Paused");
        answered.RequestInformation(reviewer, Now.AddDays(-11), [new(RequirementCode.IdentityDocument, "Sharper photo.")], "Please resend.");
        answered.ProvideInformation(A.EndUser, Now.AddMinutes(-30), new CustomerChanges(Documents: [A.Passport()]), A.Policy);
        people["answered"] = answered;

        await using var db = Db();
        db.Customers.AddRange(people.Values);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    private Task<QueuePage> PageAsync(QueueFilter filter, string as_ = "") =>
        app.RunAsAsync<CustomerQueue, QueuePage>(as_ == "" ? OpsAppFactory.Reviewer : as_, q => q.PageAsync(filter));

    private string[] Names(QueuePage page) => [.. page.Rows.Select(r => people.Single(p => p.Value.Id == r.Id).Key)];

    [Fact]
    public async Task NeedsReview_HoldsReviewerMovesAndDueHolds_OldestWaitingFirst()
    {
        var page = await PageAsync(new QueueFilter());

        Assert.Equal(["overdue", "dueSoon", "update", "onTime", "dueHold", "answered"], Names(page));
        Assert.Equal(6, page.Total);
    }

    [Theory]
    [InlineData(QueueView.WaitingOnCustomer, new[] { "waiting", "hosted" })]
    [InlineData(QueueView.OnHold, new[] { "laterHold", "openHold", "dueHold" })]
    [InlineData(QueueView.Rejected, new[] { "rejected" })]
    [InlineData(QueueView.Active, new[] { "active" })]
    public async Task OtherViews_HoldExactlyTheirCustomers(QueueView view, string[] expected)
    {
        var page = await PageAsync(new QueueFilter { View = view });

        Assert.Equal(expected.Order(), Names(page).Order());
    }

    [Fact]
    public async Task Counts_MatchEachView()
    {
        var counts = await app.RunAsAsync<CustomerQueue, IReadOnlyList<ViewCount>>(OpsAppFactory.Support, q => q.CountsAsync());

        // Needs review, awaiting second review, screening hits, due for review, waiting on customer, on hold, rejected, active, all.
        Assert.Equal([6, 0, 0, 0, 2, 3, 1, 1, 12], counts.Select(c => c.Count));
        Assert.DoesNotContain(counts, c => c.Capped);
    }

    [Theory]
    [InlineData(SlaState.Overdue, new[] { "overdue" })]
    [InlineData(SlaState.DueSoon, new[] { "dueSoon" })]
    [InlineData(SlaState.OnTime, new[] { "update", "onTime", "answered" })]
    public async Task SlaFilter_CountsOnlyStaffTime(SlaState sla, string[] expected)
    {
        var page = await PageAsync(new QueueFilter { Sla = sla });

        Assert.Equal(expected, Names(page));
        Assert.All(page.Rows, r => Assert.Equal(sla, r.Sla));
    }

    [Fact]
    public async Task Sla_CustomerWhoWaitedTenDaysOnThemselves_IsOnTime()
    {
        var row = (await PageAsync(new QueueFilter())).Rows.Single(r => r.Id == people["answered"].Id);

        Assert.Equal(SlaState.OnTime, row.Sla);
        Assert.Equal(Now.AddMinutes(-30), row.WaitingSince);
    }

    [Theory]
    [InlineData("olga.overdue@example.com", "overdue")]
    [InlineData("OLGA.OVERDUE@EXAMPLE.COM", "overdue")]
    [InlineData("ID-Diego", "dueSoon")]
    [InlineData("REF-Tomás", "onTime")]
    [InlineData("hann", "dueHold")]
    [InlineData("Laterhold", "laterHold")]
    public async Task Search_FindsByEachKind(string search, string expected)
    {
        var page = await PageAsync(new QueueFilter { View = QueueView.All, Search = search });

        Assert.Equal([expected], Names(page));
    }

    [Fact]
    public async Task Search_ByCustomerId_IsExact()
    {
        var id = people["rejected"].Id;

        Assert.Equal(["rejected"], Names(await PageAsync(new QueueFilter { View = QueueView.All, Search = id.ToString() })));
        Assert.Empty((await PageAsync(new QueueFilter { View = QueueView.All, Search = id.ToString()[..8] })).Rows);
    }

    [Fact]
    public async Task FiltersAndSearch_Combine()
    {
        var business = await PageAsync(new QueueFilter { View = QueueView.All, Type = CustomerType.Business });
        var businessNamedOlga = await PageAsync(new QueueFilter { View = QueueView.All, Type = CustomerType.Business, Search = "olga" });
        var pendingOnHoldView = await PageAsync(new QueueFilter { View = QueueView.OnHold, Status = CustomerStatus.Pending });
        var createdRecently = await PageAsync(new QueueFilter
        {
            View = QueueView.All, CreatedFrom = DateOnly.FromDateTime(Now.AddDays(-3).UtcDateTime), Model = VerificationModel.Hosted,
        });

        Assert.Equal(["active"], Names(business));
        Assert.Empty(businessNamedOlga.Rows);
        Assert.Empty(pendingOnHoldView.Rows);
        Assert.Equal(["hosted"], Names(createdRecently));
    }

    [Fact]
    public async Task Sort_ByNameDescending_IsApplied()
    {
        var page = await PageAsync(new QueueFilter { View = QueueView.All, Sort = QueueSort.Name, Descending = true, PageSize = 3 });

        // The queue lists the verified name; Ursula's proposed "Updated" waits for review beside it.
        Assert.Equal(["Walter Waiting", "Ursula Update", "Tomás Ontime"], page.Rows.Select(r => r.Name));
    }

    [Fact]
    public async Task Paging_IsStableWhenNewCustomersArrive()
    {
        var filter = new QueueFilter { PageSize = 2 };
        var first = await PageAsync(filter);
        var second = await PageAsync(filter with { Page = 1 });

        await using (var db = Db())
        {
            db.Customers.Add(Pending(Now, "Nina", "Newcomer"));
            await db.SaveChangesAsync();
        }

        Assert.Equal(first.Rows.Select(r => r.Id), (await PageAsync(filter)).Rows.Select(r => r.Id));
        Assert.Equal(second.Rows.Select(r => r.Id), (await PageAsync(filter with { Page = 1 })).Rows.Select(r => r.Id));
        Assert.Equal(7, (await PageAsync(filter)).Total);
    }

    [Fact]
    public async Task TopBlocker_IsTheDomainsFirstBlockerInAFewWords()
    {
        var rows = (await PageAsync(new QueueFilter { View = QueueView.All, PageSize = 50 })).Rows.ToDictionary(r => r.Id);

        Assert.Equal("Waiting for review", rows[people["overdue"].Id].TopBlocker);
        Assert.Equal("Passport to review", rows[people["onTime"].Id].TopBlocker);
        Assert.Equal("Needs proof of address", rows[people["waiting"].Id].TopBlocker);
        Assert.Equal("Rejected (final)", rows[people["rejected"].Id].TopBlocker);
        Assert.Null(rows[people["active"].Id].TopBlocker);
    }

    [Fact]
    public async Task Page_AsProductApprover_IsRefusedOnTheServer() =>
        await Assert.ThrowsAsync<StaffForbiddenException>(() => PageAsync(new QueueFilter(), OpsAppFactory.ProductApprover));

    [Fact]
    [Trait(TestDatabase.Provider, TestDatabase.SqliteOnly)] // PostgreSQL's plans are checked on the 1M benchmark database
    public async Task MainQueueQuery_UsesItsIndex_AndNoFullScanOrSort()
    {
        await using var db = Db();
        var queue = app.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerQueue>();
        await using var command = queue.PageQuery(db, new QueueFilter(), Now).CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await db.Database.OpenConnectionAsync();
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        var all = string.Join(" | ", plan);
        Assert.Contains("USING INDEX IX_Customers_Queue_WaitingSince_Status", all);
        Assert.DoesNotContain("SCAN c", all.Replace("SCAN c USING", "INDEXED"));
        Assert.DoesNotContain("TEMP B-TREE FOR ORDER BY", all);
    }

    [Theory]
    [InlineData(WaitingAge.UnderFourHours, new[] { "answered", "dueHold", "onTime" })]
    [InlineData(WaitingAge.FourToTwentyFourHours, new[] { "dueSoon", "update" })]
    [InlineData(WaitingAge.OneToThreeDays, new[] { "overdue" })]
    [InlineData(WaitingAge.OverThreeDays, new string[0])]
    public async Task AgeBuckets_SplitNeedsReviewByTimeWaited(WaitingAge age, string[] expected)
    {
        var page = await PageAsync(new QueueFilter { Age = age });
        Assert.Equal(expected, Names(page).Order());
        Assert.Equal(age, QueueFilter.FromQueryString(new QueueFilter { Age = age }.ToQueryString()).Age);
    }

    [Fact]
    public async Task Overview_EveryNumber_IsTheTotalOfTheViewItLinksTo()
    {
        var depth = await app.RunAsAsync<Features.Overview.OverviewFigures, Features.Overview.QueueDepth>(OpsAppFactory.Reviewer, o => o.ReviewQueueAsync());

        Assert.Equal(6, depth.Total.Count);
        Assert.Equal(1, depth.Overdue.Count);
        foreach (var figure in depth.ByAge.Append(depth.Total).Append(depth.Overdue))
        {
            Assert.StartsWith("customers", figure.Href);
            var listed = await PageAsync(QueueFilter.FromQueryString(new Uri(new Uri("http://ops/"), figure.Href).Query));
            Assert.True(figure.Count == listed.Total, $"{figure.Label}: {figure.Count} on the overview, {listed.Total} at {figure.Href}");
        }
        Assert.Equal(depth.Total.Count, depth.ByAge.Sum(f => f.Count));
    }

    [Fact]
    public async Task Overview_MyCases_CountsMineAndNamesTheOldest()
    {
        var reviewerId = await app.RunAsAsync(OpsAppFactory.Reviewer, async services =>
            (await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>().FindByEmailAsync(OpsAppFactory.Reviewer))!.Id);
        await using (var db = Db())
        {
            var overdue = await db.Customers.SingleAsync(c => c.Id == people["overdue"].Id);
            overdue.Assign(A.Reviewer, Now, reviewerId, "Rui Reviewer");
            var onTime = await db.Customers.SingleAsync(c => c.Id == people["onTime"].Id);
            onTime.Assign(A.Reviewer, Now, reviewerId, "Rui Reviewer");
            await db.SaveChangesAsync();
        }

        var mine = await app.RunAsAsync<Features.Overview.OverviewFigures, Features.Overview.MyCases>(OpsAppFactory.Reviewer, o => o.MyCasesAsync());

        Assert.Equal(2, mine.Assigned.Count);
        Assert.Equal(people["overdue"].Id, mine.OldestId);
        Assert.Equal("customers?assigned=me", mine.Assigned.Href);
    }

    [Fact]
    public async Task Overview_AsSupport_RefusesMyCases_OnTheServer() =>
        await Assert.ThrowsAsync<StaffForbiddenException>(() =>
            app.RunAsAsync<Features.Overview.OverviewFigures, Features.Overview.MyCases>(OpsAppFactory.Support, o => o.MyCasesAsync()));
}
