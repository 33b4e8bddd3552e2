using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Api;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Documents;

namespace Onboarding.Ops.Web.Tests;

/// <summary>
/// Contract tests of /external/api, written from the official SDKs' request and answer shapes: what a partner's existing
/// integration sends when only its base URL changes, and what it reads back.
/// </summary>
public sealed class PublicApiTests(SharedApp shared) : PartnerApiTestBase(shared)
{
    /// <summary>The SDK's create as its types write it: flat, address with country and zipCode, no level.</summary>
    private const string SdkCreate = """
        { "type": "individual", "firstName": "Ngozi", "lastName": "Eze", "birthDate": "1990-05-14", "nationality": "NG",
          "nationalId": "NG-778899", "email": "ngozi.eze@example.ng", "phone": "+2348031234567",
          "address": { "line1": "12 Marina Road", "city": "Lagos", "state": "Lagos", "country": "NG", "zipCode": "101001" } }
        """;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string With(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private async Task<(HttpClient Client, string Key)> LumenAsync()
    {
        var key = await KeyOfAsync("lumen-wallet");
        return (Client(key), key);
    }

    private async Task<int> CustomerCountAsync()
    {
        await using var db = Db();
        return await db.Customers.CountAsync();
    }

    private async Task<JsonElement> CreatedAsync(HttpClient client, string json)
    {
        var response = await client.PostAsync("/external/api/customers", Json(json));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await BodyAsync(response)).GetProperty("data");
    }

    [Fact]
    public async Task Create_AsTheSdkSendsIt_IsAHostedCustomerAtThePartnersDefaultLevel_WithTheLinkInSumsubUrl()
    {
        var (client, _) = await LumenAsync();

        var response = await client.PostAsync("/external/api/customers", Json(SdkCreate));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal("success", body.GetProperty("status").GetString());
        var data = body.GetProperty("data");
        Assert.Equal(("individual", "needs_information"), (data.GetProperty("type").GetString(), data.GetProperty("status").GetString()));
        var person = data.GetProperty("individualData");
        Assert.Equal(("Ngozi", "Eze", "1990-05-14", "NG", "NG-778899"), (person.GetProperty("firstName").GetString(), person.GetProperty("lastName").GetString(),
            person.GetProperty("birthDate").GetString(), person.GetProperty("nationality").GetString(), person.GetProperty("nationalId").GetString()));
        var address = person.GetProperty("address");
        Assert.Equal(("12 Marina Road", "Lagos", "Lagos", "NG", "101001"), (address.GetProperty("line1").GetString(), address.GetProperty("city").GetString(),
            address.GetProperty("state").GetString(), address.GetProperty("country").GetString(), address.GetProperty("zipCode").GetString()));
        Assert.Empty(data.GetProperty("rejectionReasons").EnumerateArray());
        Assert.False(data.GetProperty("canResubmit").GetBoolean());
        Assert.Contains("/verify/", data.GetProperty("sumsub").GetProperty("url").GetString());

        await using var db = Db();
        var stored = await db.Customers.SingleAsync(c => c.Id == data.GetProperty("id").GetGuid());
        Assert.Equal((VerificationLevel.Basic, VerificationModel.Hosted, "lumen-wallet"), (stored.Level, stored.Model, stored.PartnerId));
        var created = await db.AuditEntries.SingleAsync(e => e.SubjectId == stored.Id.ToString() && e.Action == "created");
        Assert.StartsWith("Lumen Wallet (API key", created.ActorName);
        Assert.Contains(stored.Checks, c => c.Code == "format");
    }

    [Fact]
    public async Task Create_WithTheNewerSdksFields_TakesLevelAddressSpellingAndBothDocumentsWithTheirImages()
    {
        var (client, _) = await LumenAsync();
        var front = Specimen.Of(A.Passport(), A.Person(), null);
        var bill = Specimen.Of(A.ProofOfAddress(), A.Person(), null);
        var json = With(SdkCreate, body =>
        {
            body["level"] = "advanced";
            body["address"] = JsonNode.Parse("""{ "line1": "12 Marina Road", "city": "Lagos", "countryCode": "NG", "postalCode": "101001" }""");
            body["identityDocuments"] = new JsonObject
            {
                ["type"] = "passport", ["issuingCountry"] = "NG", ["imageFront"] = Convert.ToBase64String(front),
                ["imageBack"] = "data:image/png;base64," + Convert.ToBase64String(front), ["contentType"] = "image/png",
            };
            body["otherDocuments"] = new JsonObject { ["type"] = "proofOfAddress", ["content"] = Convert.ToBase64String(bill), ["contentType"] = "image/png" };
        });

        var data = await CreatedAsync(client, json);

        await using var db = Db();
        var stored = await db.Customers.SingleAsync(c => c.Id == data.GetProperty("id").GetGuid());
        Assert.Equal(VerificationLevel.Advanced, stored.Level);
        Assert.Equal("101001", stored.Person!.Address!.PostalCode);
        var passport = stored.Documents.Single(d => d.Type == DocumentType.Passport);
        var proof = stored.Documents.Single(d => d.Type == DocumentType.ProofOfAddress);
        var store = app.Services.GetRequiredService<IDocumentStore>();
        Assert.Equal(front, await store.ReadAsync(passport.File!.Hash));
        Assert.Equal(front, await store.ReadAsync(passport.Back!.Hash));
        Assert.Equal(bill, await store.ReadAsync(proof.File!.Hash));
        Assert.Equal(("NG", null), (passport.IssuingCountry, proof.IssuingCountry));
    }

    [Fact]
    public async Task Create_WithoutLevel_UsesTheDefaultLevelTheAdminSetForThePartner()
    {
        var partner = (await AsAdmin(d => d.ListAsync())).Single(p => p.Id == "lumen-wallet");
        Assert.Equal(VerificationLevel.Basic, partner.DefaultLevel);
        Assert.True((await AsAdmin(d => d.SetDefaultLevelAsync("lumen-wallet", partner.Version, VerificationLevel.Minimum))).Succeeded);
        var (client, _) = await LumenAsync();

        var data = await CreatedAsync(client, SdkCreate);

        await using var db = Db();
        Assert.Equal(VerificationLevel.Minimum, (await db.Customers.SingleAsync(c => c.Id == data.GetProperty("id").GetGuid())).Level);
        Assert.Contains(await db.AuditEntries.Where(e => e.SubjectId == "lumen-wallet").Select(e => e.Action).ToListAsync(), a => a == "default_level_set");
    }

    public static TheoryData<string, string, string> BadCreates() => new()
    {
        { "unknown field", With(SdkCreate, b => b["middleName"] = "Ada"), "middleName" },
        { "a Sumsub share token", With(SdkCreate, b => b["sumsubShareToken"] = "_act-sbx-123"), "sumsubShareToken" },
        { "a business", With(SdkCreate, b => b["type"] = "business"), "type" },
        { "no type", With(SdkCreate, b => b.Remove("type")), "type" },
        { "a bad level", With(SdkCreate, b => b["level"] = "gold"), "level" },
        { "a bad birth date", With(SdkCreate, b => b["birthDate"] = "14/05/1990"), "birthDate" },
        { "a bad nationality", With(SdkCreate, b => b["nationality"] = "Nigeria"), "nationality" },
        { "a number for a name", With(SdkCreate, b => b["firstName"] = 12), "firstName" },
        { "two spellings that differ", With(SdkCreate, b => b["address"]!["countryCode"] = "GH"), "address.countryCode" },
        { "an unknown address field", With(SdkCreate, b => b["address"]!["zip"] = "1"), "address.zip" },
        { "an address without city", With(SdkCreate, b => b["address"]!.AsObject().Remove("city")), "address.city" },
        { "an unknown document type", With(SdkCreate, b => b["identityDocuments"] = JsonNode.Parse("""{ "type": "visa", "imageFront": "AAAA" }""")), "identityDocuments.type" },
        { "an image that is not base64", With(SdkCreate, b => b["identityDocuments"] = JsonNode.Parse("""{ "type": "passport", "imageFront": "not base64!" }""")), "identityDocuments.imageFront" },
        { "an image that is no image", With(SdkCreate, b => b["identityDocuments"] = JsonNode.Parse($$"""{ "type": "passport", "imageFront": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes("hello, I am text"))}}" }""")), "identityDocuments.imageFront" },
        { "a document without its image", With(SdkCreate, b => b["otherDocuments"] = JsonNode.Parse("""{ "type": "proofOfAddress" }""")), "otherDocuments.content" },
        { "a list of documents", With(SdkCreate, b => b["identityDocuments"] = JsonNode.Parse("""[{ "type": "passport" }]""")), "identityDocuments" },
        { "an array", "[]", "body" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task Create_WithBadInput_Is400NamingTheFieldAsTheSdkWroteIt_AndCreatesNothing(string what, string json, string field)
    {
        var (client, _) = await LumenAsync();
        var before = await CustomerCountAsync();

        var response = await client.PostAsync("/external/api/customers", Json(json));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
        var body = await BodyAsync(response);
        Assert.Equal(("error", field), (body.GetProperty("status").GetString(), body.GetProperty("field").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("errorId").GetString()));
        Assert.Equal(before, await CustomerCountAsync());
    }

    [Fact]
    public async Task Get_ReadsTheSdksShape_WithProductAccess_AndAnotherPartnersCustomerIsNotFound()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var theirs = await ActiveCustomerOfAsync("lumen-wallet");
        await using (var db = Db())
        {
            db.AccessRequests.Add(A.CardRequest(customer));
            await db.SaveChangesAsync();
        }
        var (client, _) = await LumenAsync();
        var paygo = Client(await KeyOfAsync("paygo-mobile"));

        var data = (await BodyAsync(await client.GetAsync($"/external/api/customers/{customer.Id}"))).GetProperty("data");

        Assert.Equal(("active", "Camila"), (data.GetProperty("status").GetString(), data.GetProperty("individualData").GetProperty("firstName").GetString()));
        Assert.Equal("CO", data.GetProperty("individualData").GetProperty("address").GetProperty("country").GetString());
        var access = Assert.Single(data.GetProperty("featuresAccess").EnumerateArray());
        Assert.Equal(("cards", "virtual-usd-visa", "requested"), (access.GetProperty("type").GetString(), access.GetProperty("cardType").GetString(),
            access.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, data.GetProperty("sumsub").GetProperty("url").ValueKind);
        foreach (var path in new[] { $"/external/api/customers/{theirs.Id}", $"/external/api/customers/{Guid.NewGuid()}", "/external/api/customers/not-a-guid" })
        {
            var other = await paygo.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            Assert.Equal("customer_not_found", (await BodyAsync(other)).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Get_OfARejectedCustomer_GivesTheReasonsAndWhetherItCanBeResubmitted()
    {
        var rejected = A.InStatus(CustomerStatus.Rejected);
        await using (var db = Db())
        {
            db.Customers.Add(rejected);
            await db.SaveChangesAsync();
        }
        var (client, _) = await LumenAsync();

        var data = (await BodyAsync(await client.GetAsync($"/external/api/customers/{rejected.Id}"))).GetProperty("data");

        Assert.Equal("rejected", data.GetProperty("status").GetString());
        Assert.Equal(["name_mismatch"], data.GetProperty("rejectionReasons").EnumerateArray().Select(r => r.GetString()));
        Assert.True(data.GetProperty("canResubmit").GetBoolean());
    }

    [Fact]
    public async Task Delete_OfAnUndecidedApplication_ErasesItsPersonalData_KeepsTheTrail_AndItIsNoLongerFound()
    {
        var (client, _) = await LumenAsync();
        var id = (await CreatedAsync(client, SdkCreate)).GetProperty("id").GetGuid();

        var response = await client.DeleteAsync($"/external/api/customers/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await BodyAsync(response)).GetProperty("data");
        Assert.True(data.GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/external/api/customers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/customers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/external/api/customers/{id}")).StatusCode);
        await using var db = Db();
        var erased = await db.Customers.SingleAsync(c => c.Id == id);
        Assert.Equal((CustomerStatus.Rejected, null, null, "(withdrawn)"), (erased.Status, erased.Person, erased.Email, erased.Name));
        Assert.NotNull(erased.WithdrawnAt);
        Assert.Equal(["created", "verification_link_issued", "checks_recorded", "risk_assessed", "withdrawn"],
            await db.AuditEntries.Where(e => e.SubjectId == id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        // The partner is told through its webhook, as for any status change.
        var told = await db.Set<WebhookEvent>().SingleAsync(e => e.CustomerId == id);
        Assert.Equal(("lumen-wallet", Onboarding.Ops.Web.Features.Webhooks.PartnerEvents.StatusChanged), (told.PartnerId, told.Type));
        Assert.Contains("withdrawn", told.Body);
    }

    [Fact]
    public async Task Delete_OfAnApprovedCustomer_IsRefusedPlainly_AndChangesNothing()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var (client, _) = await LumenAsync();

        var response = await client.DeleteAsync($"/external/api/customers/{customer.Id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal("not_allowed_now", body.GetProperty("code").GetString());
        Assert.Contains("record-keeping", body.GetProperty("message").GetString());
        await using var db = Db();
        var kept = await db.Customers.SingleAsync(c => c.Id == customer.Id);
        Assert.Equal((CustomerStatus.Active, customer.Version), (kept.Status, kept.Version));
    }

    [Fact]
    public async Task Request_AnswersTheSdksShape_RequestedForAnActiveCustomer_RejectedOtherwise_AndADuplicateIs409()
    {
        var active = await ActiveCustomerOfAsync("lumen-wallet");
        var pending = await CustomerOfAsync("lumen-wallet");
        var (client, _) = await LumenAsync();

        var granted = await client.PostAsync($"/external/api/customers/{active.Id}/request", Json("""{ "accessType": "cards", "cardType": "virtual-usd-visa" }"""));
        var account = await client.PostAsync($"/external/api/customers/{active.Id}/request", Json("""{ "accessType": "virtual-account" }"""));
        var refused = await client.PostAsync($"/external/api/customers/{pending.Id}/request", Json("""{ "accessType": "cards", "cardType": "virtual-usd-visa" }"""));
        var duplicate = await client.PostAsync($"/external/api/customers/{active.Id}/request", Json("""{ "accessType": "cards", "cardType": "virtual-usd-visa" }"""));
        var bad = await client.PostAsync($"/external/api/customers/{active.Id}/request", Json("""{ "accessType": "loans" }"""));

        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var data = (await BodyAsync(granted)).GetProperty("data");
        Assert.Equal(("cards", active.Id, "requested"), (data.GetProperty("accessType").GetString(), data.GetProperty("customerId").GetGuid(), data.GetProperty("status").GetString()));
        Assert.Equal("USD", (await BodyAsync(account)).GetProperty("data").GetProperty("currency").GetString());
        var rejected = (await BodyAsync(refused)).GetProperty("data");
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal(["customer_not_active"], rejected.GetProperty("rejectionReasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal((HttpStatusCode.Conflict, "duplicate_request"), (duplicate.StatusCode, (await BodyAsync(duplicate)).GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "accessType"), (bad.StatusCode, (await BodyAsync(bad)).GetProperty("field").GetString()));
        await using var db = Db();
        Assert.Equal(3, await db.AccessRequests.CountAsync());
    }

    [Fact]
    public async Task Sumsub_IsAClearDocumentedError_NotAFakeSuccess()
    {
        var (client, _) = await LumenAsync();
        var before = await CustomerCountAsync();

        var response = await client.PostAsync("/external/api/customers/sumsub", Json("""{ "type": "individual", "sumsubShareToken": "_act-sbx-123" }"""));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal(("error", "sumsub_not_available"), (body.GetProperty("status").GetString(), body.GetProperty("code").GetString()));
        Assert.Contains("no connection to Sumsub", body.GetProperty("message").GetString());
        Assert.Equal(before, await CustomerCountAsync());
    }

    [Fact]
    public async Task Questionnaire_IsListedServedAndSubmitted_AndTheTypedEndpointSeesTheSameAnswers()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var (client, _) = await LumenAsync();
        var path = $"/external/api/customers/{customer.Id}/questionnaires";

        var listed = (await BodyAsync(await client.GetAsync(path))).GetProperty("data").GetProperty("questionnaires");
        var served = (await BodyAsync(await client.GetAsync($"{path}/source-of-funds"))).GetProperty("data").GetProperty("questionnaire");
        var submitted = await client.PostAsync($"{path}/source-of-funds/submit", Json("""
            { "answers": [ { "id": "occupation", "answer": "Nurse" }, { "id": "employmentStatus", "answer": "employed" },
              { "id": "sourceOfFunds", "answer": "salary" }, { "id": "expectedMonthlyVolume", "answer": "under_1000" },
              { "id": "purpose", "answer": "Salary and everyday payments" } ] }
            """));

        var only = Assert.Single(listed.EnumerateArray());
        Assert.Equal(("source-of-funds", false), (only.GetProperty("id").GetString(), only.GetProperty("completed").GetBoolean()));
        Assert.Equal(["occupation", "employmentStatus", "sourceOfFunds", "expectedMonthlyVolume", "purpose"],
            served.GetProperty("questionnaire").EnumerateArray().Select(q => q.GetProperty("id").GetString()));
        var employment = served.GetProperty("questionnaire")[1];
        Assert.Equal(("select", true), (employment.GetProperty("type").GetString(), employment.GetProperty("required").GetBoolean()));
        Assert.Contains("self_employed", employment.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString()));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.True((await BodyAsync(submitted)).GetProperty("data").GetProperty("completed").GetBoolean());
        var typed = (await BodyAsync(await client.GetAsync($"/api/v1/customers/{customer.Id}"))).GetProperty("data").GetProperty("sourceOfFunds");
        Assert.Equal(("Nurse", "employed", "partner"), (typed.GetProperty("answers").GetProperty("occupation").GetString(),
            typed.GetProperty("answers").GetProperty("employmentStatus").GetString(), typed.GetProperty("answeredBy").GetString()));
    }

    public static TheoryData<string, string, int, string> BadAnswers() => new()
    {
        { "no answers", """{ }""", 400, "answers" },
        { "a question missing", """{ "answers": [ { "id": "occupation", "answer": "Nurse" } ] }""", 400, "answers.employmentStatus" },
        { "a bad choice", """{ "answers": [ { "id": "occupation", "answer": "Nurse" }, { "id": "employmentStatus", "answer": "busy" }, { "id": "sourceOfFunds", "answer": "salary" }, { "id": "expectedMonthlyVolume", "answer": "under_1000" }, { "id": "purpose", "answer": "Pay" } ] }""", 400, "answers.employmentStatus" },
        { "an unknown question", """{ "answers": [ { "id": "shoeSize", "answer": "42" } ] }""", 400, "answers.shoeSize" },
        { "a question twice", """{ "answers": [ { "id": "occupation", "answer": "Nurse" }, { "id": "occupation", "answer": "Cook" } ] }""", 400, "answers[1]" },
        { "an answer without id", """{ "answers": [ { "answer": "Nurse" } ] }""", 400, "answers[0]" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Questionnaire_WithBadAnswers_IsRefusedNamingTheQuestion_AndStoresNothing(string what, string json, int status, string field)
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var (client, _) = await LumenAsync();

        var response = await client.PostAsync($"/external/api/customers/{customer.Id}/questionnaires/source-of-funds/submit", Json(json));

        Assert.True((int)response.StatusCode == status, $"{what}: {response.StatusCode}");
        Assert.Equal(field, (await BodyAsync(response)).GetProperty("field").GetString());
        await using var db = Db();
        Assert.Null((await db.Customers.SingleAsync(c => c.Id == customer.Id)).SourceOfFunds);
    }

    [Fact]
    public async Task Questionnaire_OfACompany_TakesCountriesAsOneText_AndAnUnknownQuestionnaireIs404()
    {
        var company = Customer.Create(Domain.Actor.Partner("lumen-wallet", "Lumen Wallet"), A.T0, new NewCustomer(CustomerType.Business,
            VerificationLevel.Minimum, VerificationModel.PartnerVerified, "lumen-wallet", Company: A.Company()), A.Policy);
        await using (var db = Db())
        {
            db.Customers.Add(company);
            await db.SaveChangesAsync();
        }
        var (client, _) = await LumenAsync();
        var path = $"/external/api/customers/{company.Id}/questionnaires";

        var served = (await BodyAsync(await client.GetAsync($"{path}/source-of-funds"))).GetProperty("data").GetProperty("questionnaire");
        var submitted = await client.PostAsync($"{path}/source-of-funds/submit", Json("""
            { "answers": [ { "id": "businessActivity", "answer": "Freight forwarding" }, { "id": "sourceOfFunds", "answer": "business_revenue" },
              { "id": "expectedMonthlyVolume", "answer": "50000_to_250000" }, { "id": "countriesOfOperation", "answer": "co, PE" } ] }
            """));
        var unknown = await client.GetAsync($"{path}/risk");

        Assert.Equal(["businessActivity", "sourceOfFunds", "expectedMonthlyVolume", "countriesOfOperation"],
            served.GetProperty("questionnaire").EnumerateArray().Select(q => q.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        await using (var db = Db())
        {
            Assert.Equal(["CO", "PE"], (await db.Customers.SingleAsync(c => c.Id == company.Id)).SourceOfFunds!.Answers.CountriesOfOperation);
        }
        Assert.Equal((HttpStatusCode.NotFound, "questionnaire_not_found"), (unknown.StatusCode, (await BodyAsync(unknown)).GetProperty("code").GetString()));
    }

    [Fact]
    public async Task CardTypes_AreListedAsTheSdkReadsThem()
    {
        var (client, _) = await LumenAsync();

        var types = (await BodyAsync(await client.GetAsync("/external/api/cards/types"))).GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(Products.CardTypes.Select(c => c.Id), types.Select(t => t.GetProperty("id").GetString()));
        var first = types[0];
        Assert.Equal(("virtual USD Visa", "USD", "Visa"), (first.GetProperty("name").GetString(), first.GetProperty("cardCurrency").GetString(),
            first.GetProperty("brand").GetString()));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("price").ValueKind);
    }

    [Fact]
    public async Task Eligibility_ComesFromTheVirtualAccountsRequirements_InTheirSpelling()
    {
        var basic = await ActiveCustomerOfAsync("lumen-wallet");
        var advanced = A.Active(VerificationLevel.Advanced);
        advanced.AnswerSourceOfFunds(A.Partner, A.T0.AddHours(3), A.Questionnaire(), A.Policy);
        var euro = AccessRequest.Request(A.Partner, A.T0.AddHours(4), advanced, new ProductChoice(Product.VirtualAccount, Currency: "EUR"), []).Created!;
        await using (var db = Db())
        {
            db.Customers.Add(advanced);
            db.AccessRequests.Add(euro);
            await db.SaveChangesAsync();
        }
        var (client, _) = await LumenAsync();

        var notYet = (await BodyAsync(await client.GetAsync($"/external/api/virtual-account/{basic.Id}/eligibility"))).GetProperty("data");
        var eligible = (await BodyAsync(await client.GetAsync($"/external/api/virtual-account/{advanced.Id}/eligibility"))).GetProperty("data");

        Assert.False(notYet.GetProperty("eligibile").GetBoolean());
        Assert.Empty(notYet.GetProperty("eligibileFor").EnumerateArray());
        Assert.Contains("advanced", notYet.GetProperty("blockedBy")[0].GetString());
        Assert.True(eligible.GetProperty("eligibile").GetBoolean());
        Assert.Equal(Products.Currencies.Where(c => c != "EUR"), eligible.GetProperty("eligibileFor").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task EveryPath_WithoutAKey_Is401_AndUnknownPathsAnswerInTheEnvelope()
    {
        var anonymous = Client(null);
        var id = Guid.NewGuid();
        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Post, "/external/api/customers"), (HttpMethod.Get, $"/external/api/customers/{id}"), (HttpMethod.Delete, $"/external/api/customers/{id}"),
                     (HttpMethod.Post, $"/external/api/customers/{id}/request"), (HttpMethod.Post, "/external/api/customers/sumsub"),
                     (HttpMethod.Get, $"/external/api/customers/{id}/questionnaires"), (HttpMethod.Get, $"/external/api/customers/{id}/questionnaires/source-of-funds"),
                     (HttpMethod.Post, $"/external/api/customers/{id}/questionnaires/source-of-funds/submit"), (HttpMethod.Get, "/external/api/cards/types"),
                     (HttpMethod.Get, $"/external/api/virtual-account/{id}/eligibility"),
                 })
        {
            var response = await anonymous.SendAsync(new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : Json("{}") });
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
            Assert.Equal("unauthorized", (await BodyAsync(response)).GetProperty("code").GetString());
        }
        var (client, _) = await LumenAsync();
        var missing = await client.GetAsync("/external/api/accounts");
        Assert.Equal((HttpStatusCode.NotFound, "error"), (missing.StatusCode, (await BodyAsync(missing)).GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Create_WithAnIdempotencyKey_RepeatedAnswersTheFirstAndCreatesOnce()
    {
        var (client, _) = await LumenAsync();
        HttpRequestMessage Post() => new(HttpMethod.Post, "/external/api/customers") { Content = Json(SdkCreate), Headers = { { "Idempotency-Key", "sdk-create-1" } } };

        var first = await client.SendAsync(Post());
        var again = await client.SendAsync(Post());

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        await using var db = Db();
        Assert.Equal(1, await db.Customers.CountAsync());
    }

    [Fact]
    public async Task OpenApiDocument_ListsThePublicSurfaceUnderItsOwnTag()
    {
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/api/openapi/partners.json")).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/external/api/customers", "/external/api/customers/{id}", "/external/api/customers/{id}/request",
                     "/external/api/customers/sumsub", "/external/api/customers/{id}/questionnaires",
                     "/external/api/customers/{id}/questionnaires/{questionnaireId}", "/external/api/customers/{id}/questionnaires/{questionnaireId}/submit",
                     "/external/api/cards/types", "/external/api/virtual-account/{customerId}/eligibility" })
        {
            Assert.Contains(path, paths);
        }
        var tags = document.GetProperty("paths").GetProperty("/external/api/customers").GetProperty("post").GetProperty("tags");
        Assert.Equal("Public Customers API (SDK paths)", tags[0].GetString());
        Assert.Contains("/api/v1/customers", paths);
    }
}
