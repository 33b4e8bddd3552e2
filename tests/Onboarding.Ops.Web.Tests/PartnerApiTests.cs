using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Partners;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Partners;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>Admin › Partners issuing keys, and the partner API's authentication, isolation, create and access, on real SQLite.</summary>
public sealed class PartnerApiTests(SharedApp shared) : PartnerApiTestBase(shared)
{
    [Theory]
    [InlineData(null)]
    [InlineData("ops_not-a-real-key")]
    public async Task Api_WithoutAValidKey_Is401WithTheErrorEnvelope(string? key)
    {
        var response = await Client(key).GetAsync("/api/v1/card-types");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal(("error", "unauthorized"), (body.GetProperty("status").GetString(), body.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("errorId").GetString()));
    }

    [Fact]
    public async Task CardTypes_WithAKey_AreListedAndTheKeysUseIsRecorded()
    {
        var key = await KeyOfAsync("lumen-wallet");

        var response = await Client(key).GetAsync("/api/v1/card-types");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal(5, body.GetProperty("data").GetArrayLength());
        var listed = (await AsAdmin(d => d.ListAsync())).Single(p => p.Id == "lumen-wallet").Keys.Single();
        Assert.NotNull(listed.LastUsedAt);
        await using var db = Db();
        Assert.DoesNotContain(key, (await db.Set<ApiKey>().SingleAsync()).Hash);
    }

    [Fact]
    public async Task Customer_OfTheCallingPartner_IsReturnedWithStatusAndPartnerFacingBlockers()
    {
        var customer = await CustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var body = await BodyAsync(await Client(key).GetAsync($"/api/v1/customers/{customer.Id}"));

        var data = body.GetProperty("data");
        Assert.Equal(("individual", "needs_information"), (data.GetProperty("type").GetString(), data.GetProperty("status").GetString()));
        var blockers = data.GetProperty("blockers").EnumerateArray().ToList();
        Assert.All(blockers, b => Assert.Equal(("checklist_item_outstanding", "end_user"), (b.GetProperty("code").GetString(), b.GetProperty("whoMustAct").GetString())));
        Assert.Collection(blockers, b => Assert.Contains("identity document", b.GetProperty("message").GetString()),
            b => Assert.Contains("Selfie", b.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Customer_OfAnotherPartner_IsAnsweredExactlyLikeAMissingOne()
    {
        var theirs = await CustomerOfAsync("paygo-mobile");
        var key = await KeyOfAsync("lumen-wallet");
        var client = Client(key);

        var other = await client.GetAsync($"/api/v1/customers/{theirs.Id}");
        var missing = await client.GetAsync($"/api/v1/customers/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var (a, b) = (await BodyAsync(other), await BodyAsync(missing));
        Assert.Equal(a.GetProperty("code").GetString(), b.GetProperty("code").GetString());
        Assert.StartsWith("No customer with the id", a.GetProperty("message").GetString());
    }

    [Fact]
    public async Task RevokedKey_AndDisabledPartner_AreRefused()
    {
        var revoked = await KeyOfAsync("lumen-wallet");
        var partner = (await AsAdmin(d => d.ListAsync())).Single(p => p.Id == "lumen-wallet");
        await AsAdmin(d => d.RevokeKeyAsync(partner.Id, partner.Version, partner.Keys.Single().Id));
        var disabledKey = await KeyOfAsync("paygo-mobile");
        var paygo = (await AsAdmin(d => d.ListAsync())).Single(p => p.Id == "paygo-mobile");
        await AsAdmin(d => d.SetDisabledAsync(paygo.Id, paygo.Version, true));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(revoked).GetAsync("/api/v1/card-types")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(disabledKey).GetAsync("/api/v1/card-types")).StatusCode);
    }

    [Fact]
    public async Task StaffCookie_DoesNotOpenThePartnerApi()
    {
        using var staff = await app.SignedInClientAsync(OpsAppFactory.Admin);

        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.GetAsync("/api/v1/card-types")).StatusCode);
    }

    [Theory]
    [InlineData("Reviewer")]
    [InlineData("Support")]
    [InlineData("ProductApprover")]
    public async Task PartnerAdministration_AsNonAdmin_IsRefusedOnTheServer(string role) =>
        await Assert.ThrowsAsync<StaffForbiddenException>(() =>
            app.RunAsAsync<PartnerDirectory, PartnerSummary?>(OpsAppFactory.DemoEmailByRole[role], async d => (await d.ListAsync()).FirstOrDefault()));

    [Fact]
    public async Task CreatePartner_ValidatesItsId()
    {
        var bad = await AsAdmin(d => d.CreateAsync("Not An Id!", "Nope"));
        var good = await AsAdmin(d => d.CreateAsync("andes-pay", "Andes Pay"));
        var again = await AsAdmin(d => d.CreateAsync("andes-pay", "Andes Pay"));

        Assert.False(bad.Succeeded);
        Assert.True(good.Succeeded, good.Message);
        Assert.Equal("A partner with the id andes-pay already exists.", again.Message);
    }

    [Fact]
    public async Task Create_CompleteMinimumCustomer_IsPendingWithItsChecksAndAuditedAsThePartner()
    {
        var key = await KeyOfAsync("lumen-wallet");

        var response = await PostAsync(key, """
            { "type": "individual", "level": "minimum", "verificationModel": "partner_verified", "partnerReference": "LW-42",
              "individualData": { "firstName": "Ngozi", "lastName": "Eze", "birthDate": "1990-05-14", "nationality": "NG",
                                  "email": "ngozi.eze@example.ng", "phone": "+2348031234567" } }
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var data = (await BodyAsync(response)).GetProperty("data");
        Assert.Equal("pending", data.GetProperty("status").GetString());
        var id = data.GetProperty("id").GetGuid();
        await using var db = Db();
        var stored = await db.Customers.SingleAsync(c => c.Id == id);
        Assert.Equal(("lumen-wallet", "LW-42"), (stored.PartnerId, stored.PartnerReference));
        Assert.All(stored.Checks, c => Assert.Equal(CheckOutcome.Pass, c.Outcome));
        var created = await db.AuditEntries.FirstAsync(e => e.CustomerId == id);
        Assert.StartsWith("Lumen Wallet (API key ", created.ActorName);
    }

    [Fact]
    public async Task Create_OnlyTypeAndLevel_IsAHostedCustomerWaitingForTheEndUser()
    {
        var key = await KeyOfAsync("lumen-wallet");

        var data = (await BodyAsync(await PostAsync(key, """{ "type": "individual", "level": "basic" }"""))).GetProperty("data");

        Assert.Equal(("pending", "hosted"), (data.GetProperty("status").GetString(), data.GetProperty("verificationModel").GetString()));
        Assert.Equal("awaiting_submission", data.GetProperty("blockers")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Create_IncompleteData_NeedsInformationListingWhatIsMissing()
    {
        var key = await KeyOfAsync("lumen-wallet");

        var data = (await BodyAsync(await PostAsync(key, """
            { "type": "individual", "level": "minimum", "verificationModel": "partner_verified",
              "individualData": { "firstName": "Ngozi", "lastName": "Eze", "birthDate": "1990-05-14", "nationality": "NG", "email": "n@example.ng" } }
            """))).GetProperty("data");

        Assert.Equal("needs_information", data.GetProperty("status").GetString());
        Assert.Equal("Phone", data.GetProperty("missing")[0].GetProperty("item").GetString());
    }

    [Fact]
    public async Task Create_PlaceholderName_IsAcceptedWithAFailedCheckForTheReviewer()
    {
        var key = await KeyOfAsync("lumen-wallet");

        var data = (await BodyAsync(await PostAsync(key, """
            { "type": "individual", "level": "minimum", "verificationModel": "partner_verified",
              "individualData": { "firstName": "Test", "lastName": "User", "birthDate": "1990-05-14", "nationality": "NG",
                                  "email": "t@example.ng", "phone": "+2348031234567" } }
            """))).GetProperty("data");

        await using var db = Db();
        var stored = await db.Customers.SingleAsync(c => c.Id == data.GetProperty("id").GetGuid());
        Assert.Equal(CheckOutcome.Fail, stored.Checks.Single(c => c.Code == "placeholder_data").Outcome);
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "{ not json", "" },
        { "[]", "" },
        { """{ "level": "basic" }""", "type" },
        { """{ "type": "person", "level": "basic" }""", "type" },
        { """{ "type": 7, "level": "basic" }""", "type" },
        { """{ "type": "individual", "level": "gold" }""", "level" },
        { """{ "type": "individual", "level": "basic", "verificationModel": "self" }""", "verificationModel" },
        { """{ "type": "individual", "level": "basic", "individualData": "Ngozi" }""", "individualData" },
        { """{ "type": "individual", "level": "basic", "individualData": { "birthDate": "1990-13-01" } }""", "individualData.birthDate" },
        { """{ "type": "individual", "level": "basic", "individualData": { "birthDate": "14/05/1990" } }""", "individualData.birthDate" },
        { """{ "type": "individual", "level": "basic", "individualData": { "nationality": "COL" } }""", "individualData.nationality" },
        { """{ "type": "individual", "level": "basic", "individualData": { "firstName": 12 } }""", "individualData.firstName" },
        { """{ "type": "individual", "level": "basic", "individualData": { "address": { "city": "Lagos", "countryCode": "NG" } } }""", "individualData.address.line1" },
        { """{ "type": "individual", "level": "basic", "businessData": { "legalName": "X" } }""", "businessData" },
        { """{ "type": "business", "level": "basic", "businessData": { "beneficialOwners": {} } }""", "businessData.beneficialOwners" },
        { """{ "type": "business", "level": "basic", "businessData": { "beneficialOwners": [ { "ownershipPercent": 150 } ] } }""", "businessData.beneficialOwners[0].ownershipPercent" },
        { """{ "type": "individual", "level": "basic", "livenessCompleted": "yes" }""", "livenessCompleted" },
        { "{ \"type\": \"individual\", \"level\": \"basic\", \"partnerReference\": \"" + new string('x', 200) + "\" }", "partnerReference" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Create_BadInput_Is400NamingTheFieldAndChangesNothing(string json, string field)
    {
        var key = await KeyOfAsync("lumen-wallet");
        await using var before = Db();
        var (customers, audit) = (await before.Customers.CountAsync(), await before.AuditEntries.CountAsync());

        var response = await PostAsync(key, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal("error", body.GetProperty("status").GetString());
        if (field != "")
        {
            Assert.Equal(field, body.GetProperty("field").GetString());
        }
        await using var after = Db();
        Assert.Equal((customers, audit), (await after.Customers.CountAsync(), await after.AuditEntries.CountAsync()));
    }

    private async Task<HttpResponseMessage> RequestAccessAsync(string key, Guid customer, string json, string path = "access-requests") =>
        await Client(key).PostAsync($"/api/v1/customers/{customer}/{path}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    [Fact]
    public async Task AccessRequest_ForAnActiveCustomer_IsRequested_AndADuplicateIsA409()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var first = await RequestAccessAsync(key, customer.Id, """{ "accessType": "cards", "cardType": "virtual-usd-visa" }""");
        var again = await RequestAccessAsync(key, customer.Id, """{ "accessType": "cards", "cardType": "virtual-usd-visa" }""", path: "request");
        var list = await BodyAsync(await Client(key).GetAsync($"/api/v1/customers/{customer.Id}/access-requests"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("requested", (await BodyAsync(first)).GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("duplicate_request", (await BodyAsync(again)).GetProperty("code").GetString());
        Assert.Equal(1, list.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task AccessRequest_ForACustomerNotActive_IsRejectedAtOnce()
    {
        var customer = await CustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var response = await RequestAccessAsync(key, customer.Id, """{ "accessType": "virtual-account", "currency": "EUR" }""");

        var data = (await BodyAsync(response)).GetProperty("data");
        Assert.Equal(("rejected", "customer_not_active"), (data.GetProperty("status").GetString(), data.GetProperty("rejectionReasons")[0].GetString()));
    }

    [Theory]
    [InlineData("""{ "accessType": "loans" }""", "accessType")]
    [InlineData("""{ "accessType": "cards", "cardType": "gold-amex" }""", "cardType")]
    [InlineData("""{ "accessType": "virtual-account", "currency": "JPY" }""", "currency")]
    [InlineData("""{ oops""", "")]
    public async Task AccessRequest_BadInput_Is400AndChangesNothing(string json, string field)
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var response = await RequestAccessAsync(key, customer.Id, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (field != "")
        {
            Assert.Equal(field, (await BodyAsync(response)).GetProperty("field").GetString());
        }
        await using var db = Db();
        Assert.Equal(0, await db.AccessRequests.CountAsync());
    }

    [Fact]
    public async Task AccessRequest_ForAnotherPartnersCustomer_IsNotFound()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("paygo-mobile");

        var response = await RequestAccessAsync(key, customer.Id, """{ "accessType": "cards", "cardType": "virtual-usd-visa" }""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_IsPublic_AndDescribesEveryPartnerEndpointWithItsErrors()
    {
        var routes = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1") == true)
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()!.HttpMethods
                .Select(m => (Path: e.RoutePattern.RawText!, Method: m.ToLowerInvariant())))
            .ToList();

        var response = await Client(null).GetAsync("/api/openapi/partners.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await BodyAsync(response)).GetProperty("paths");
        Assert.Equal(11, routes.Count);
        foreach (var (path, method) in routes)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), $"{method} {path}");
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path}");
            var parameters = operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
            Assert.Equal(method == "post", parameters.Any(p => p.GetProperty("name").GetString() == "Idempotency-Key"));
        }
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryWebhookEvent_WithItsSignatureHeadersAndFields()
    {
        var document = await BodyAsync(await Client(null).GetAsync("/api/openapi/partners.json"));
        JsonElement Resolve(JsonElement schema) => schema.TryGetProperty("$ref", out var reference)
            ? Resolve(document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]))
            : schema;
        IEnumerable<string> FieldsOf(JsonElement schema) => Resolve(schema).GetProperty("properties").EnumerateObject().Select(p => p.Name);

        var webhooks = document.GetProperty("webhooks");

        Assert.Equal(["access_request.decided", "customer.status_changed", "customer.submitted", "customer.verification_link_regenerated", "webhook.test"],
            webhooks.EnumerateObject().Select(w => w.Name).Order());
        foreach (var webhook in webhooks.EnumerateObject())
        {
            var post = webhook.Value.GetProperty("post");
            Assert.Equal(["Webhook-Id", "Webhook-Signature", "Webhook-Timestamp"],
                post.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
            var body = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal(["createdAt", "data", "id", "type"], FieldsOf(body).Order());
        }
        var statusChanged = Resolve(webhooks.GetProperty("customer.status_changed").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema")).GetProperty("properties").GetProperty("data");
        Assert.Superset(new HashSet<string> { "customerId", "previousStatus", "status", "missing", "message", "rejection" }, FieldsOf(statusChanged).ToHashSet());
        Assert.Contains("HMAC-SHA256", document.GetProperty("info").GetProperty("description").GetString());
    }
}
