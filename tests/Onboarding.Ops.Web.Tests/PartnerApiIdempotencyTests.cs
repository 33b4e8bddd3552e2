using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Web.Api;

namespace Onboarding.Ops.Web.Tests;

/// <summary>Idempotency-Key on every POST: replayed, refused for another body, and settled when two arrive at once.</summary>
public sealed class PartnerApiIdempotencyTests(SharedApp shared) : PartnerApiTestBase(shared)
{
    private const string Ngozi = """
        { "type": "individual", "level": "minimum", "verificationModel": "partner_verified",
          "individualData": { "firstName": "Ngozi", "lastName": "Eze", "birthDate": "1990-05-14", "nationality": "NG",
                              "email": "ngozi.eze@example.ng", "phone": "+2348031234567" } }
        """;

    private static HttpRequestMessage Post(string path, string json, string? idempotencyKey) => Post(path,
        new StringContent(json, Encoding.UTF8, "application/json"), idempotencyKey);

    private static HttpRequestMessage Post(string path, HttpContent content, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return request;
    }

    private async Task<int> CustomersAsync()
    {
        await using var db = Db();
        return await db.Customers.CountAsync();
    }

    [Fact]
    public async Task SameKeySameBody_ReturnsTheFirstAnswer_AndCreatesOnce()
    {
        var client = Client(await KeyOfAsync("lumen-wallet"));

        var first = await client.SendAsync(Post("/api/v1/customers", Ngozi, "create-ngozi-1"));
        var again = await client.SendAsync(Post("/api/v1/customers", Ngozi, "create-ngozi-1"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, again.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CustomersAsync());
    }

    [Fact]
    public async Task SameKeyAnotherBody_IsRefusedAndChangesNothing()
    {
        var client = Client(await KeyOfAsync("lumen-wallet"));
        await client.SendAsync(Post("/api/v1/customers", Ngozi, "create-ngozi-2"));

        var other = await client.SendAsync(Post("/api/v1/customers", Ngozi.Replace("Ngozi", "Chidi"), "create-ngozi-2"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        var body = await BodyAsync(other);
        Assert.Equal(("idempotency_key_reused", "Idempotency-Key"), (body.GetProperty("code").GetString(), body.GetProperty("field").GetString()));
        Assert.Equal(1, await CustomersAsync());
    }

    [Fact]
    public async Task ManyAtOnceWithTheSameKey_CreateOneCustomer_AndLogNoError()
    {
        var client = Client(await KeyOfAsync("lumen-wallet"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SendAsync(Post("/api/v1/customers", Ngozi, "create-ngozi-3"))));

        Assert.Equal(1, await CustomersAsync());
        // Losing the race for a key is expected and handled, not an error.
        Assert.Empty(app.Errors);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        var ids = await Task.WhenAll(created.Select(async a => (await BodyAsync(a)).GetProperty("data").GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        foreach (var waiting in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("idempotency_in_progress", (await BodyAsync(waiting)).GetProperty("code").GetString());
            Assert.NotNull(waiting.Headers.RetryAfter);
        }
    }

    [Theory]
    [InlineData(10, HttpStatusCode.Conflict)]   // still running, as far as anyone can tell: retry
    [InlineData(600, HttpStatusCode.Created)]   // the process stopped mid-request: the key is free again
    public async Task AFirstRequestThatNeverFinished_HoldsTheKeyOnlyForAFewMinutes(int secondsAgo, HttpStatusCode expected)
    {
        var client = Client(await KeyOfAsync("lumen-wallet"));
        await using (var db = Db())
        {
            db.Add(new IdempotencyRecord
            {
                // The claim the same request left: its hash is of method, path and body.
                PartnerId = "lumen-wallet", Key = "create-ngozi-crashed",
                RequestHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("POST /api/v1/customers\n" + Ngozi))),
                CreatedAt = DateTimeOffset.UtcNow.AddSeconds(-secondsAgo),
            });
            await db.SaveChangesAsync();
        }

        var retry = await client.SendAsync(Post("/api/v1/customers", Ngozi, "create-ngozi-crashed"));

        Assert.Equal(expected, retry.StatusCode);
        Assert.Equal(expected == HttpStatusCode.Created ? 1 : 0, await CustomersAsync());
    }

    [Fact]
    public async Task TheSameKey_FromTwoPartners_AreTwoRequests()
    {
        var lumen = Client(await KeyOfAsync("lumen-wallet"));
        var paygo = Client(await KeyOfAsync("paygo-mobile"));

        await lumen.SendAsync(Post("/api/v1/customers", Ngozi, "shared-key"));
        var second = await paygo.SendAsync(Post("/api/v1/customers", Ngozi, "shared-key"));

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(2, await CustomersAsync());
    }

    [Fact]
    public async Task WithoutAKey_EachPostIsItsOwnRequest()
    {
        var client = Client(await KeyOfAsync("lumen-wallet"));

        await client.SendAsync(Post("/api/v1/customers", Ngozi, null));
        await client.SendAsync(Post("/api/v1/customers", Ngozi, null));

        Assert.Equal(2, await CustomersAsync());
    }

    [Fact]
    public async Task Upload_RepeatedWithItsKey_AddsTheDocumentOnce()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var client = Client(await KeyOfAsync("lumen-wallet"));
        var path = $"/api/v1/customers/{customer.Id}/documents";

        var first = await client.SendAsync(Post(path, PartnerApiChangeTests.Upload(PartnerApiChangeTests.Jpeg, "p.jpg", expiresOn: "2033-01-01"), "upload-1"));
        var again = await client.SendAsync(Post(path, PartnerApiChangeTests.Upload(PartnerApiChangeTests.Jpeg, "p.jpg", expiresOn: "2033-01-01"), "upload-1"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        await using var db = Db();
        Assert.Equal(customer.Documents.Count + 1, (await db.Customers.SingleAsync(c => c.Id == customer.Id)).Documents.Count);
    }

    [Fact]
    public async Task AKeyTooLong_IsRefusedNamingTheHeader()
    {
        var client = Client(await KeyOfAsync("lumen-wallet"));

        var response = await client.SendAsync(Post("/api/v1/customers", Ngozi, new string('k', 300)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Idempotency-Key", (await BodyAsync(response)).GetProperty("field").GetString());
        Assert.Equal(0, await CustomersAsync());
    }
}
