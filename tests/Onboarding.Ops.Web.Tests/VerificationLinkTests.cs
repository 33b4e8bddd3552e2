using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Hosted;
using Onboarding.Ops.Web.Features.Webhooks;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The hosted verification link: issued on create, opened by the end user, replaced, expired, rate limited, audited.</summary>
public sealed class VerificationLinkTests(SharedApp shared) : PartnerApiTestBase(shared, new() { ["HostedFlow:AttemptsPerMinute"] = "1000" })
{
    private async Task<(Guid Id, string Link)> CreateHostedAsync(string key)
    {
        var data = (await BodyAsync(await PostAsync(key, """{ "type": "individual", "level": "basic" }"""))).GetProperty("data");
        return (data.GetProperty("id").GetGuid(), data.GetProperty("verificationLink").GetString()!);
    }

    private async Task<string> OpenAsync(string link)
    {
        var response = await app.CreateClient().GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Create_AHostedCustomer_ReturnsALinkThatOpensItsPage_AndEachOpeningIsAudited()
    {
        var (id, link) = await CreateHostedAsync(await KeyOfAsync("lumen-wallet"));

        var page = await OpenAsync(link);

        Assert.Matches("^http://localhost/verify/[A-Za-z0-9_-]{40,}$", link);
        Assert.Contains("data-status=\"pending\"", page);
        Assert.Contains("Step 1 of 4: About you", page);
        await using var db = Db();
        var customer = await db.Customers.SingleAsync(c => c.Id == id);
        Assert.DoesNotContain(link.Split('/').Last(), customer.VerificationLinkHash);
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.CustomerId == id && e.Action == "verification_link_opened"));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.CustomerId == id && e.Action == "verification_link_issued"));
    }

    [Fact]
    public async Task ANewLink_KillsTheOld_AndThePartnerIsTold()
    {
        var key = await KeyOfAsync("lumen-wallet");
        var (id, old) = await CreateHostedAsync(key);

        var response = await Client(key).PostAsync($"/api/v1/customers/{id}/verification-link", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fresh = (await BodyAsync(response)).GetProperty("data").GetProperty("verificationLink").GetString()!;
        Assert.Contains("data-testid=\"link-closed\"", await OpenAsync(old));
        Assert.Contains("data-status=\"pending\"", await OpenAsync(fresh));
        await using var db = Db();
        Assert.True(await db.Set<WebhookEvent>().AnyAsync(e => e.CustomerId == id && e.Type == PartnerEvents.LinkRegenerated));
    }

    [Fact]
    public async Task UnknownAndReplacedLinks_ShowTheSameNeutralPage()
    {
        var key = await KeyOfAsync("lumen-wallet");
        var (id, old) = await CreateHostedAsync(key);
        await Client(key).PostAsync($"/api/v1/customers/{id}/verification-link", null);

        var replaced = await OpenAsync(old);
        var unknown = await OpenAsync("http://localhost/verify/" + new string('A', 43));

        Assert.Equal(Neutral(replaced), Neutral(unknown));
        static string Neutral(string html) => html[html.IndexOf("<h1", StringComparison.Ordinal)..html.IndexOf("</p>", StringComparison.Ordinal)];
    }

    [Fact]
    public async Task StaffWhoSeeCustomers_MakeANewLink_ProductApproversCannot()
    {
        var (id, _) = await CreateHostedAsync(await KeyOfAsync("lumen-wallet"));
        int version;
        await using (var db = Db())
        {
            version = (await db.Customers.SingleAsync(c => c.Id == id)).Version;
        }

        var issued = await app.RunAsAsync<VerificationLinks, IssuedLink>(OpsAppFactory.Support, l => l.RegenerateAsync(id, version, "The end user lost the email."));

        Assert.True(issued.Result.Succeeded, issued.Result.Message);
        Assert.NotNull(issued.Token);
        await Assert.ThrowsAsync<StaffForbiddenException>(() =>
            app.RunAsAsync<VerificationLinks, IssuedLink>(OpsAppFactory.ProductApprover, l => l.RegenerateAsync(id, version + 1, "Lost.")));
        var stale = await app.RunAsAsync<VerificationLinks, IssuedLink>(OpsAppFactory.Reviewer, l => l.RegenerateAsync(id, version, "The end user lost the email."));
        Assert.Equal(Features.Customers.DecisionOutcome.Conflict, stale.Result.Outcome);
    }

    [Fact]
    public async Task APartnerVerifiedCustomer_HasNoLink()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var response = await Client(key).PostAsync($"/api/v1/customers/{customer.Id}/verification-link", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}

public sealed class VerificationLinkLimitsTests : IClassFixture<SharedApp>
{
    // On PostgreSQL the window is the clock's minute: a frozen clock keeps the four attempts in one window however slow
    // the machine (CI once crossed a minute boundary between the third and the fourth).
    private readonly OpsAppFactory app;

    public VerificationLinkLimitsTests(SharedApp shared) => app = shared.Start(
        new Dictionary<string, string?> { ["DemoData:Customers"] = "0", ["HostedFlow:AttemptsPerMinute"] = "3" },
        new FakeTimeProvider(DateTimeOffset.UtcNow));

    [Fact]
    public async Task OpeningLinksFast_IsSlowedDown()
    {
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.GetAsync("/verify/" + new string((char)('A' + i), 43))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}

public sealed class VerificationLinkExpiryTests : IClassFixture<SharedApp>
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly OpsAppFactory app;

    public VerificationLinkExpiryTests(SharedApp shared) =>
        app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0", ["HostedFlow:LinkLifetimeDays"] = "14" }, clock);

    [Fact]
    public async Task ALink_OpensForItsLifetime_ThenNoMore()
    {
        var customer = A.HostedEmpty();
        var token = customer.IssueVerificationLink(A.Partner, clock.GetUtcNow(), TimeSpan.FromDays(14));
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<Data.OpsDbContext>>().CreateDbContext())
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }
        var client = app.CreateClient();

        clock.Advance(TimeSpan.FromDays(13));
        var before = await client.GetStringAsync($"/verify/{token}");
        clock.Advance(TimeSpan.FromDays(1));
        var after = await client.GetStringAsync($"/verify/{token}");

        Assert.Contains("data-testid=\"verification-status\"", before);
        Assert.Contains("data-testid=\"link-closed\"", after);
    }
}
