extern alias proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Data;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Features.Partners;
using Onboarding.Ops.Web.Features.Webhooks;
using OpsProxy = proxy::Onboarding.Ops.Proxy.OpsProxy;

namespace Onboarding.Ops.E2E;

/// <summary>
/// Two app instances on one PostgreSQL database behind the repo's YARP proxy (src/Onboarding.Ops.Proxy, its
/// proxy.json), as in production: two reviewers land on different instances and still see each other, a decision on
/// one instance reaches the page on the other, the partner's endpoint gets the event once although both dispatch, and a
/// due hold woken by both instances at once wakes once.
/// </summary>
[Trait(TestDatabase.Provider, TestDatabase.PostgresOnly)]
public sealed class TwoInstancesJourneyTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Webhooks:PollSeconds"] = "1" };

    private readonly TestDatabase database = TestDatabase.Create(Path.Combine(Path.GetTempPath(), "onboarding-ops-tests", Guid.NewGuid().ToString("N")));
    private readonly List<OpsAppFactory> instances = [];
    private WebApplication proxyApp = default!;
    private IPlaywright playwright = default!;
    private IBrowser browser = default!;
    private Receiver receiver = default!;
    private string proxyUrl = "";

    public async Task InitializeAsync()
    {
        var addresses = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var instance = new OpsAppFactory(settings: Settings) { Database = database };
            instance.UseKestrel(0);
            instance.StartServer();
            instances.Add(instance);
            addresses.Add(instance.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
        proxyApp = OpsProxy.Build([], new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:ops:Destinations:first:Address"] = addresses[0],
            ["ReverseProxy:Clusters:ops:Destinations:second:Address"] = addresses[1],
        });
        proxyApp.Urls.Add("http://127.0.0.1:0");
        await proxyApp.StartAsync();
        // The browser must see "localhost", not an IP origin (STACK.md).
        proxyUrl = proxyApp.Urls.First().Replace("127.0.0.1", "localhost");
        receiver = await Receiver.StartAsync();
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await BrowserApp.LaunchChromiumAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await receiver.DisposeAsync();
        await proxyApp.DisposeAsync();
        foreach (var instance in instances)
        {
            instance.Dispose();
        }
        database.Dispose();
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = proxyUrl, ViewportSize = new() { Width = 1366, Height = 820 } });
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync(email, OpsAppFactory.DemoPassword);
        return page;
    }

    [Fact]
    public async Task TwoReviewersOnTwoInstances_SeeEachOther_TheDecisionReachesTheOther_ThePartnerHearsOnce_AndTheHoldWakesOnce()
    {
        var first = instances[0];
        var reviewerPage = await SignedInAsync(OpsAppFactory.Reviewer);
        await new QueuePage(reviewerPage).OpenAsync();
        await new DecisionControls(reviewerPage).NextCaseAsync();
        var customerId = Guid.Parse(reviewerPage.Url.Split('/').Last());
        await using (var db = first.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext())
        {
            var partnerId = (await db.Customers.SingleAsync(c => c.Id == customerId)).PartnerId;
            var partner = (await first.RunAsAsync<PartnerDirectory, IReadOnlyList<PartnerSummary>>(OpsAppFactory.Admin, d => d.ListAsync())).Single(p => p.Id == partnerId);
            await first.RunAsAsync<PartnerDirectory, object>(OpsAppFactory.Admin, async d => await d.SetWebhookUrlAsync(partner.Id, partner.Version, receiver.Url));
            await first.RunAsAsync<PartnerDirectory, IssuedKey>(OpsAppFactory.Admin, d => d.RotateWebhookSecretAsync(partner.Id, partner.Version + 1));
        }

        var adminPage = await SignedInAsync(OpsAppFactory.Admin);
        await adminPage.GotoAsync(reviewerPage.Url);
        await new CustomerPage(adminPage).WaitAsync();
        await new ShellPage(adminPage).WaitUntilInteractiveAsync();

        // The proxy sent the two browsers to different instances (round-robin, then sticky), and each sees the other.
        Assert.Equal([1, 1], instances.Select(i => i.Services.GetRequiredService<CustomerActivity>().ViewersHere(customerId)));
        await Assertions.Expect(adminPage.GetByTestId("also-viewing")).ToContainTextAsync("Rui Reviewer");
        await Assertions.Expect(reviewerPage.GetByTestId("also-viewing")).ToContainTextAsync("Ada Admin");

        var reviewer = new DecisionControls(reviewerPage);
        await reviewer.OpenAsync("Hold");
        await reviewer.Dialog.GetByLabel("Reason").FillAsync("Adverse media check.");
        // Wakes by itself tomorrow: pick the first day the calendar offers.
        await reviewer.Dialog.GetByLabel("Wake-up date (optional)").ClickAsync();
        await reviewerPage.Locator(".mud-picker-calendar-day:not([disabled]):not(.mud-hidden)").First.ClickAsync();
        await reviewer.ConfirmAsync("Put on hold");

        await Assertions.Expect(adminPage.GetByTestId("changed-elsewhere")).ToContainTextAsync("Rui Reviewer changed this customer");
        await new ShellPage(adminPage).ScreenshotAsync("two-instances-changed-elsewhere");
        await adminPage.GetByTestId("changed-elsewhere").GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();
        await Assertions.Expect(new DecisionControls(adminPage).Status).ToHaveTextAsync("On hold");

        // Both instances poll the outbox every second: the hold's event arrives, and only once.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!receiver.Received.Any(r => r.Body.Contains(customerId.ToString())) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        await Task.Delay(TimeSpan.FromSeconds(4)); // a few more rounds of both dispatchers
        Assert.Single(receiver.Received, r => r.Body.Contains(customerId.ToString()) && r.Body.Contains("on_hold"));

        // The wake-up date passes (moved back in the database), and both instances' wake-up jobs run at the same moment:
        // the hold ends once, with one audit entry, and the page on the other instance says so.
        await using (var db = first.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($$"""
                UPDATE "Customers" SET "WaitingSince" = now() - interval '1 minute',
                    "Hold" = jsonb_set("Hold", '{wakeUpAt}', to_jsonb(to_char(now() - interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')))
                WHERE "Id" = {{customerId}}
                """);
        }
        await Task.WhenAll(instances.Select(i => i.Services.GetRequiredService<HoldWakeUp>().WakeDueHoldsAsync()));
        await Assertions.Expect(adminPage.GetByTestId("changed-elsewhere")).ToContainTextAsync("System changed this customer");
        await adminPage.GetByTestId("changed-elsewhere").GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();
        await Assertions.Expect(new DecisionControls(adminPage).Status).Not.ToHaveTextAsync("On hold");
        await using (var db = first.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext())
        {
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.CustomerId == customerId && e.Action == "woke_up"));
        }

        Assert.Equal(receiver.Received.Count, receiver.Received.Select(r => r.Id).Distinct().Count());
        Assert.All(instances, i => Assert.Empty(i.Errors));
    }
}
