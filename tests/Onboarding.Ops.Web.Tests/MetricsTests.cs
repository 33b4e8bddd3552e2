using System.Net;
using System.Text.RegularExpressions;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Metrics;
using Onboarding.Ops.Web.Features.Overview;

namespace Onboarding.Ops.Web.Tests;

/// <summary>
/// Counters are read by meter name across the process, so an app of another test class deciding at the same moment
/// would count here too: these tests run alone.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>The Prometheus endpoint, switched on: decisions, partner requests, webhook attempts and the queues' depth.</summary>
[Collection(nameof(MetricsTests))]
public sealed class MetricsTests(SharedApp shared) : PartnerApiTestBase(shared, new() { [MetricsEndpoint.EnabledKey] = "true", ["Metrics:RefreshSeconds"] = "1" })
{
    private async Task<string> ScrapeAsync()
    {
        var response = await Client(null).GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the one sample of this metric whose labels include these (Prometheus' text format).</summary>
    private static double? Sample(string scrape, string metric, params string[] labels) => scrape.Split('\n')
        .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
        .Where(line => labels.All(l => line.Contains(l, StringComparison.Ordinal)))
        .Select(line => (double?)double.Parse(Regex.Match(line, @"\} (\S+)|^\S+ (\S+)").Groups.Values.Skip(1).First(g => g.Success).Value,
            System.Globalization.CultureInfo.InvariantCulture))
        .SingleOrDefault();

    [Fact]
    public async Task Scrape_CountsDecisions_AndPartnerRequests_AsTheyHappen()
    {
        var before = await ScrapeAsync();
        var approvedBefore = Sample(before, "ops_decisions_total", "action=\"approved\"") ?? 0;
        var key = await KeyOfAsync("lumen-wallet");

        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var refused = await Client("not-a-key").GetAsync($"/api/v1/customers/{customer.Id}");
        var listed = await Client(key).GetAsync($"/api/v1/customers/{customer.Id}");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var after = await ScrapeAsync();
        Assert.Equal(approvedBefore + 1, Sample(after, "ops_decisions_total", "action=\"approved\""));
        Assert.True(Sample(after, "ops_partner_api_requests_total", "partner=\"lumen-wallet\"", "status_code=\"200\"") >= 1);
        Assert.True(Sample(after, "ops_partner_api_requests_total", "partner=\"none\"", "status_code=\"401\"") >= 1);
        Assert.Contains("http_server_request_duration_seconds_bucket{", after);
    }

    [Fact]
    public async Task Scrape_GivesTheQueuesDepth_AsTheOverviewCountsIt()
    {
        await using (var db = Db())
        {
            db.Customers.AddRange(A.Pending(at: DateTimeOffset.UtcNow.AddMinutes(-10)), A.Pending(at: DateTimeOffset.UtcNow.AddDays(-5)));
            await db.SaveChangesAsync();
        }
        var overview = await app.RunAsAsync<OverviewFigures, QueueDepth>(OpsAppFactory.Admin, o => o.ReviewQueueAsync());
        Assert.True(overview.Total.Count >= 2);

        // The gauges are refreshed every second in the background: wait for a round after the customers arrived.
        string scrape;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            await Task.Delay(250);
            scrape = await ScrapeAsync();
        }
        while (Sample(scrape, "ops_review_queue_depth", "age=\"0-4h\"") != overview.ByAge[0].Count && DateTime.UtcNow < deadline);

        Assert.Equal(overview.ByAge.Select(f => (double?)f.Count),
            new[] { "0-4h", "4-24h", "1-3d", "3d+" }.Select(age => Sample(scrape, "ops_review_queue_depth", $"age=\"{age}\"")));
        Assert.Equal(overview.Overdue.Count, Sample(scrape, "ops_review_queue_past_sla"));
        Assert.NotNull(Sample(scrape, "ops_access_queue_depth", "age=\"0-4h\""));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("10.2.0.1", false)]
    [InlineData("203.0.113.9", false)]
    public void Scraping_IsForLoopback_AndTheListedNetworks(string address, bool may) =>
        Assert.Equal(may, MetricsEndpoint.MayScrape(IPAddress.Parse(address), [IPNetwork.Parse("10.1.0.0/16")]));
}

/// <summary>Off unless switched on: no endpoint at all.</summary>
public sealed class MetricsOffTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ByDefault_ThereIsNoMetricsEndpoint()
    {
        using var client = fixture.App.CreateClient();

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
