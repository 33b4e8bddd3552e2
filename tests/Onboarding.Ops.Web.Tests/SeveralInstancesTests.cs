using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Features.Partners;
using Onboarding.Ops.Web.Features.Webhooks;

namespace Onboarding.Ops.Web.Tests;

/// <summary>
/// Two app instances on one database, as behind a proxy (on PostgreSQL in the PostgreSQL run): background work that
/// both run at the same moment is done once, and a partner's events go out once each, in order.
/// </summary>
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["DemoData:Customers"] = "0", ["Webhooks:DeliverInBackground"] = "false", ["PartnerApi:RequestsPerMinute"] = "3",
    };

    private readonly FakeTimeProvider clock = new(A.T0.AddHours(2));
    private readonly TestDatabase database = TestDatabase.Create(Path.Combine(Path.GetTempPath(), "onboarding-ops-tests", Guid.NewGuid().ToString("N")));
    private OpsAppFactory first = default!;
    private OpsAppFactory second = default!;
    private Receiver receiver = default!;

    public async Task InitializeAsync()
    {
        first = new OpsAppFactory(settings: Settings) { Clock = clock, Database = database };
        first.CreateClient().Dispose();
        second = new OpsAppFactory(settings: Settings) { Clock = clock, Database = database };
        second.CreateClient().Dispose();
        receiver = await Receiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        second.Dispose();
        first.Dispose();
        database.Dispose();
    }

    private OpsDbContext Db() => first.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    [Fact]
    public async Task ALease_AskedForByTwoInstancesAtOnce_GoesToOne_UntilReleasedOrRunOut()
    {
        var (one, other) = (AppInstance.New(), AppInstance.New());
        var now = clock.GetUtcNow();
        async Task<bool> TakeAsync(AppInstance who, DateTimeOffset at)
        {
            await using var db = Db();
            return await db.TryTakeAsync("test-work", who, at, TimeSpan.FromMinutes(1));
        }

        var both = await Task.WhenAll(TakeAsync(one, now), TakeAsync(other, now));
        Assert.Equal(1, both.Count(taken => taken));
        var (holder, waiting) = both[0] ? (one, other) : (other, one);

        Assert.False(await TakeAsync(waiting, now.AddSeconds(59)));
        Assert.True(await TakeAsync(holder, now.AddSeconds(30))); // renewed until now + 90 s
        Assert.False(await TakeAsync(waiting, now.AddSeconds(80)));
        Assert.True(await TakeAsync(waiting, now.AddSeconds(91))); // run out: the other takes over
        await using (var db = Db())
        {
            await db.ReleaseAsync("test-work", waiting);
        }
        Assert.True(await TakeAsync(holder, now.AddSeconds(92)));
    }

    [Fact]
    public async Task DueHolds_WokenByBothInstancesAtOnce_WakeOnceEach()
    {
        var held = Enumerable.Range(0, 30).Select(_ => A.Approvable()).ToList();
        await using (var db = Db())
        {
            foreach (var customer in held)
            {
                customer.PutOnHold(A.Reviewer, A.T0.AddHours(1), "Screening", clock.GetUtcNow().AddMinutes(30));
            }
            db.Customers.AddRange(held);
            await db.SaveChangesAsync();
        }
        clock.Advance(TimeSpan.FromHours(1));

        // Both instances' own jobs tick on the moved clock too, at the same moment as these calls.
        await Task.WhenAll(
            first.Services.GetRequiredService<HoldWakeUp>().WakeDueHoldsAsync(),
            second.Services.GetRequiredService<HoldWakeUp>().WakeDueHoldsAsync(),
            first.Services.GetRequiredService<HoldWakeUp>().WakeDueHoldsAsync());

        await using var check = Db();
        var ids = held.Select(c => c.Id).ToList();
        // An instance that found the lease taken leaves the rest to the holder or to its next round.
        for (var deadline = DateTime.UtcNow.AddSeconds(10);
             await check.Customers.AnyAsync(c => ids.Contains(c.Id) && c.Status == CustomerStatus.OnHold) && DateTime.UtcNow < deadline;)
        {
            await second.Services.GetRequiredService<HoldWakeUp>().WakeDueHoldsAsync();
            await Task.Delay(50);
        }
        Assert.Equal(30, await check.Customers.CountAsync(c => ids.Contains(c.Id) && c.Status == CustomerStatus.Pending));
        var wakeUps = await check.AuditEntries.Where(e => e.Action == "woke_up").Select(e => e.CustomerId).ToListAsync();
        Assert.Equal(ids.Order(), wakeUps.Select(id => id!.Value).Order());
    }

    [Fact]
    public async Task Webhooks_DispatchedByBothInstancesAtOnce_ArePostedOnceEach_InOrder()
    {
        var partner = (await first.RunAsAsync<PartnerDirectory, IReadOnlyList<PartnerSummary>>(OpsAppFactory.Admin, d => d.ListAsync())).Single(p => p.Id == "lumen-wallet");
        await first.RunAsAsync<PartnerDirectory, object>(OpsAppFactory.Admin, async d => await d.SetWebhookUrlAsync(partner.Id, partner.Version, receiver.Url));
        await first.RunAsAsync<PartnerDirectory, IssuedKey>(OpsAppFactory.Admin, d => d.RotateWebhookSecretAsync(partner.Id, partner.Version + 1));
        var customers = Enumerable.Range(0, 12).Select(_ => A.Approvable()).ToList();
        await using (var db = Db())
        {
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
        }
        await using (var db = Db())
        {
            foreach (var customer in await db.Customers.ToListAsync())
            {
                customer.Approve(A.Reviewer, clock.GetUtcNow(), A.Policy);
            }
            await db.SaveChangesAsync();
        }

        for (var round = 0; round < 20 && receiver.Received.Count < customers.Count; round++)
        {
            await Task.WhenAll(
                first.Services.GetRequiredService<WebhookDispatcher>().DeliverDueAsync(),
                second.Services.GetRequiredService<WebhookDispatcher>().DeliverDueAsync());
        }

        await using var check = Db();
        var events = await check.Set<WebhookEvent>().OrderBy(e => e.Sequence).Select(e => e.Id).ToListAsync();
        Assert.Equal(customers.Count, events.Count);
        Assert.Equal(events, receiver.Received.Select(r => Guid.Parse(r.Id)));
    }

    [Fact]
    [Trait(TestDatabase.Provider, TestDatabase.PostgresOnly)] // one SQLite file is one instance: presence stays in it
    public async Task PresenceAndAChange_ReachAReviewerOnTheOtherInstance()
    {
        var customerId = Guid.NewGuid();
        var (here, there) = (first.Services.GetRequiredService<CustomerActivity>(), second.Services.GetRequiredService<CustomerActivity>());
        var told = new TaskCompletionSource<CustomerActivity.Change>(TaskCreationOptions.RunContinuationsAsynchronously);

        var watching = here.Watch(customerId, "reviewer-1", "Rui Reviewer", change =>
        {
            if (change is not null)
            {
                told.TrySetResult(change);
            }
        });
        await EventuallyAsync(() => there.OthersViewing(customerId, "admin-1") is ["Rui Reviewer"]);
        there.Changed(customerId, "admin-1", "Ada Admin", clock.GetUtcNow());
        var change = await told.Task.WaitAsync(TimeSpan.FromSeconds(10));
        watching.Dispose();

        Assert.Equal(new CustomerActivity.Change("Ada Admin", clock.GetUtcNow()), change);
        await EventuallyAsync(() => there.OthersViewing(customerId, "admin-1").Count == 0);
    }

    [Fact]
    [Trait(TestDatabase.Provider, TestDatabase.PostgresOnly)] // SQLite is one instance: its limit is counted in memory
    public async Task AnApiKeysRateLimit_IsOneBudget_AcrossBothInstances()
    {
        var partner = (await first.RunAsAsync<PartnerDirectory, IReadOnlyList<PartnerSummary>>(OpsAppFactory.Admin, d => d.ListAsync())).First();
        var key = (await first.RunAsAsync<PartnerDirectory, IssuedKey>(OpsAppFactory.Admin, d => d.IssueKeyAsync(partner.Id, partner.Version))).Secret!;
        async Task<int> GetAsync(OpsAppFactory instance)
        {
            using var client = instance.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
            return (int)(await client.GetAsync("/api/v1/card-types")).StatusCode;
        }

        int[] answers = [await GetAsync(first), await GetAsync(second), await GetAsync(first), await GetAsync(second)];

        Assert.Equal([200, 200, 200, 429], answers);
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !condition(); await Task.Delay(20))
        {
            Assert.True(DateTime.UtcNow < deadline, "Not seen within 10 s.");
        }
    }
}
