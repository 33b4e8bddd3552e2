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
    public async Task ManyAtOnceWithTheSameKey_CreateOneCustomer_AndAllGetItsAnswer_LoggingNoError()
    {
        var client = Client(await KeyOfAsync("lumen-wallet"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SendAsync(Post("/api/v1/customers", Ngozi, "create-ngozi-3"))));

        Assert.Equal(1, await CustomersAsync());
        // Losing the race for a key is expected and handled, not an error: the loser waits for the winner's answer.
        Assert.Empty(app.Errors);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single(answers, a => !a.Headers.Contains("Idempotent-Replayed"));
        var ids = await Task.WhenAll(answers.Select(async a => (await BodyAsync(a)).GetProperty("data").GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task AClaimLeftWithoutAnAnswer_ByAnEarlierVersion_DoesNotHoldTheKey()
    {
        var client = Client(await KeyOfAsync("lumen-wallet"));
        await using (var db = Db())
        {
            db.Add(new IdempotencyRecord
            {
                // The claim the same request left: its hash is of method, path and body.
                PartnerId = "lumen-wallet", Key = "create-ngozi-crashed",
                RequestHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("POST /api/v1/customers\n" + Ngozi))),
                CreatedAt = DateTimeOffset.UtcNow.AddSeconds(-10),
            });
            await db.SaveChangesAsync();
        }

        var retry = await client.SendAsync(Post("/api/v1/customers", Ngozi, "create-ngozi-crashed"));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(1, await CustomersAsync());
    }

    [Fact]
    public async Task WhenTheAnswerCannotBeKept_NothingIsSaved_AndTheKeyStaysFree()
    {
        var client = Client(await KeyOfAsync("lumen-wallet"));
        await using (var db = Db())
        {
            await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite()
                ? "CREATE TRIGGER refuse_answers BEFORE UPDATE ON IdempotencyRecords BEGIN SELECT RAISE(ABORT, 'refused in a test'); END;"
                : """
                  CREATE FUNCTION refuse_answers() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused in a test'; END $$;
                  CREATE TRIGGER refuse_answers BEFORE UPDATE ON "IdempotencyRecords" FOR EACH ROW EXECUTE FUNCTION refuse_answers();
                  """);
        }

        HttpResponseMessage failed;
        try
        {
            failed = await client.SendAsync(Post("/api/v1/customers", Ngozi, "create-ngozi-unkept"));
        }
        finally
        {
            await using var db = Db();
            await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? "DROP TRIGGER refuse_answers;"
                : "DROP TRIGGER refuse_answers ON \"IdempotencyRecords\"; DROP FUNCTION refuse_answers();");
        }

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        await using (var db = Db())
        {
            Assert.Equal(0, await db.Customers.CountAsync());
            Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.SubjectType == Onboarding.Ops.Domain.Customers.Customer.SubjectType));
            Assert.Equal(0, await db.Set<IdempotencyRecord>().CountAsync());
        }
        app.ClearErrors();
        var retry = await client.SendAsync(Post("/api/v1/customers", Ngozi, "create-ngozi-unkept"));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(1, await CustomersAsync());
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
