using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Onboarding.Ops.Web.Tests;

/// <summary>
/// The rate limit counts per API key: the key over its limit gets 429 with Retry-After; other keys do not. The clock is
/// frozen so the window (on PostgreSQL, the clock's minute) cannot turn over between the requests on a slow machine.
/// </summary>
public sealed class PartnerApiRateLimitTests(SharedApp shared)
    : PartnerApiTestBase(shared, new() { ["PartnerApi:RequestsPerMinute"] = "3" }, new FakeTimeProvider(DateTimeOffset.UtcNow))
{
    [Fact]
    public async Task OverTheLimit_Is429WithRetryAfter_ForThatKeyOnly()
    {
        var busy = Client(await KeyOfAsync("lumen-wallet"));
        var quiet = Client(await KeyOfAsync("paygo-mobile"));

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await busy.GetAsync("/api/v1/card-types"));
        }
        var other = await quiet.GetAsync("/api/v1/card-types");

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var limited = answers[3];
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        var body = await BodyAsync(limited);
        Assert.Equal(("error", "rate_limited"), (body.GetProperty("status").GetString(), body.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task BothSurfaces_DrawOnTheKeysOneBudget_AndThePublicPathAnswers429InTheEnvelope()
    {
        var client = Client(await KeyOfAsync("lumen-wallet"));

        var answers = new List<HttpResponseMessage>
        {
            await client.GetAsync("/api/v1/card-types"), await client.GetAsync("/external/api/cards/types"),
            await client.GetAsync("/api/v1/card-types"), await client.GetAsync("/external/api/cards/types"),
        };

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.NotNull(answers[3].Headers.RetryAfter);
        Assert.Equal("rate_limited", (await BodyAsync(answers[3])).GetProperty("code").GetString());
    }
}
