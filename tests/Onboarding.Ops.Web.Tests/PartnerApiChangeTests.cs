using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Documents;

namespace Onboarding.Ops.Web.Tests;

/// <summary>PATCH, resubmit and document upload: the domain decides the effect, and refused input stores nothing.</summary>
public sealed class PartnerApiChangeTests(SharedApp shared) : PartnerApiTestBase(shared)
{
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes("JFIF specimen")];
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Encoding.ASCII.GetBytes("IHDR specimen")];
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% specimen\n%%EOF");
    public static readonly byte[] Executable = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00];

    private Task<HttpResponseMessage> PatchAsync(string key, Guid id, string json) =>
        Client(key).PatchAsync($"/api/v1/customers/{id}", new StringContent(json, Encoding.UTF8, "application/json"));

    public static MultipartFormDataContent Upload(byte[] content, string fileName, string type = "passport",
        string country = "CO", string? expiresOn = "2031-05-01", string? issuedOn = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(type), "type");
        form.Add(new StringContent(country), "issuingCountry");
        if (expiresOn is not null)
        {
            form.Add(new StringContent(expiresOn), "expiresOn");
        }
        if (issuedOn is not null)
        {
            form.Add(new StringContent(issuedOn), "issuedOn");
        }
        return form;
    }

    private string StoreRoot => ((FolderDocumentStore)app.Services.GetRequiredService<IDocumentStore>()).Root;

    private int StoredFiles => Directory.Exists(StoreRoot) ? Directory.GetFiles(StoreRoot, "*", SearchOption.AllDirectories).Length : 0;

    [Fact]
    public async Task Patch_AddressOfAnActiveCustomer_IsUpdateRequestedWithOldAndNew()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var response = await PatchAsync(key, customer.Id, """
            { "individualData": { "address": { "line1": "Calle 10 # 5-51", "city": "Medellín", "postalCode": "050001", "countryCode": "CO" } } }
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await BodyAsync(response)).GetProperty("data");
        Assert.Equal(("update_requested", "active"), (data.GetProperty("effect").GetString(), data.GetProperty("previousStatus").GetString()));
        Assert.Equal("update_requested", data.GetProperty("customer").GetProperty("status").GetString());
        Assert.Equal("Camila", data.GetProperty("customer").GetProperty("individualData").GetProperty("firstName").GetString());
        await using var db = Db();
        var stored = await db.Customers.SingleAsync(c => c.Id == customer.Id);
        var change = Assert.Single(stored.PendingChanges);
        Assert.Equal("address", change.Field);
        Assert.Contains("Bogotá", change.Old);
        Assert.Contains("Medellín", change.New);
        var audit = await db.AuditEntries.Where(e => e.CustomerId == customer.Id && e.Action == "update_submitted").SingleAsync();
        Assert.StartsWith("Lumen Wallet (API key ", audit.ActorName);
    }

    [Theory]
    [InlineData("""{ "individualData": { "email": "camila@newmail.co" } }""", "contact_updated", "active")]
    [InlineData("""{ "individualData": { "lastName": "Restrepo Gómez" } }""", "update_requested", "update_requested")]
    [InlineData("""{ "individualData": { "birthDate": "1991-04-18" } }""", "update_requested", "update_requested")]
    [InlineData("""{ "individualData": { "nationality": "ES" } }""", "full_reverification", "pending")]
    public async Task Patch_OfAnActiveCustomer_HasTheEffectTheDomainSays(string json, string effect, string status)
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var data = (await BodyAsync(await PatchAsync(key, customer.Id, json))).GetProperty("data");

        Assert.Equal((effect, status), (data.GetProperty("effect").GetString(), data.GetProperty("customer").GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Patch_NullClearsAField_InTheProposedUpdate_AndTheChecksRunOnTheNewData()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var response = await PatchAsync(key, customer.Id, """{ "individualData": { "firstName": "Test", "phone": null } }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = Db();
        var stored = await db.Customers.SingleAsync(c => c.Id == customer.Id);
        Assert.Null(stored.Proposed!.Person!.Phone);
        Assert.NotNull(stored.Person!.Phone);
        Assert.Equal(CheckOutcome.Fail, stored.Checks.Last(c => c.Code == "placeholder_data").Outcome);
    }

    [Fact]
    public async Task Patch_WhileUnderReview_Is409AndChangesNothing()
    {
        var customer = A.Pending();
        await using (var seed = Db())
        {
            seed.Customers.Add(customer);
            await seed.SaveChangesAsync();
        }
        var key = await KeyOfAsync("lumen-wallet");

        var response = await PatchAsync(key, customer.Id, """{ "individualData": { "email": "x@example.co" } }""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("not_allowed_now", (await BodyAsync(response)).GetProperty("code").GetString());
        await using var db = Db();
        Assert.Equal(customer.Version, (await db.Customers.SingleAsync(c => c.Id == customer.Id)).Version);
    }

    [Fact]
    public async Task Patch_OfAnotherPartnersCustomer_IsNotFound()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("paygo-mobile");

        var response = await PatchAsync(key, customer.Id, """{ "individualData": { "email": "x@example.co" } }""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Patch_TwoAtOnce_OneWinsAndTheOtherIsToldPlainly()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var responses = await Task.WhenAll(
            PatchAsync(key, customer.Id, """{ "individualData": { "lastName": "Uno" } }"""),
            PatchAsync(key, customer.Id, """{ "individualData": { "lastName": "Dos" } }"""));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        await using var db = Db();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.CustomerId == customer.Id && e.Action == "update_submitted"));
    }

    [Fact]
    public async Task Upload_AnsweringTheChecklist_StoresTheFileByHashAndTicksTheItem()
    {
        var customer = await CustomerOfAsync("lumen-wallet");
        Assert.Contains(customer.OpenChecklist, i => i.Code == RequirementCode.IdentityDocument);
        var key = await KeyOfAsync("lumen-wallet");

        var response = await Client(key).PostAsync($"/api/v1/customers/{customer.Id}/documents", Upload(Jpeg, "passport.jpg"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await BodyAsync(response)).GetProperty("data");
        var document = data.GetProperty("customer").GetProperty("documents").EnumerateArray().Single();
        Assert.Equal(("passport", "image/jpeg"), (document.GetProperty("type").GetString(), document.GetProperty("mediaType").GetString()));
        await using var db = Db();
        var stored = (await db.Customers.SingleAsync(c => c.Id == customer.Id)).Documents.Single();
        Assert.Equal(FolderDocumentStore.HashOf(Jpeg), stored.File!.Hash);
        Assert.Equal(Jpeg, await app.Services.GetRequiredService<IDocumentStore>().ReadAsync(stored.File.Hash));
        Assert.DoesNotContain(data.GetProperty("customer").GetProperty("missing").EnumerateArray(),
            m => m.GetProperty("item").GetString() == "Identity document");
    }

    [Theory]
    [InlineData("png", "proofOfAddress")]
    [InlineData("pdf", "proofOfAddress")]
    [InlineData("jpeg", "passport")]
    public async Task Upload_EachAcceptedKind_IsRecognisedByContent(string kind, string type)
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");
        var (content, expected) = kind switch { "png" => (Png, "image/png"), "pdf" => (Pdf, "application/pdf"), _ => (Jpeg, "image/jpeg") };

        // The name says PNG whatever the content: only the content counts.
        var response = await Client(key).PostAsync($"/api/v1/customers/{customer.Id}/documents",
            Upload(content, "scan.png", type, expiresOn: type == "passport" ? "2032-01-01" : null, issuedOn: type == "passport" ? null : "2026-11-01"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = Db();
        var stored = (await db.Customers.SingleAsync(c => c.Id == customer.Id)).Documents.OrderBy(d => d.ReceivedAt).Last();
        Assert.Equal(expected, stored.File!.MediaType);
        Assert.Equal("update_requested", (await BodyAsync(response)).GetProperty("data").GetProperty("effect").GetString());
    }

    public static TheoryData<string, string> RefusedUploads() => new()
    {
        { "executable renamed .jpg", "file" },
        { "zero bytes", "file" },
        { "over 10 MB", "file" },
        { "unknown type", "type" },
        { "bad country", "issuingCountry" },
        { "bad expiry date", "expiresOn" },
        { "passport without expiry", "expiresOn" },
        { "proof of address without issue date", "issuedOn" },
        { "no file", "file" },
    };

    [Theory]
    [MemberData(nameof(RefusedUploads))]
    public async Task Upload_Refused_Is400NamingTheField_AndStoresNothing(string upload, string field)
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");
        HttpContent content = upload switch
        {
            "executable renamed .jpg" => Upload(Executable, "photo.jpg"),
            "zero bytes" => Upload([], "photo.jpg"),
            "over 10 MB" => Upload([.. Jpeg, .. new byte[DocumentContent.MaxBytes]], "huge.jpg"),
            "unknown type" => Upload(Jpeg, "a.jpg", type: "selfie"),
            "bad country" => Upload(Jpeg, "a.jpg", country: "Colombia"),
            "bad expiry date" => Upload(Jpeg, "a.jpg", expiresOn: "01/05/2031"),
            "passport without expiry" => Upload(Jpeg, "a.jpg", expiresOn: null),
            "proof of address without issue date" => Upload(Pdf, "a.pdf", type: "proofOfAddress", expiresOn: null),
            _ => new MultipartFormDataContent { { new StringContent("passport"), "type" }, { new StringContent("CO"), "issuingCountry" },
                { new StringContent("2031-05-01"), "expiresOn" } },
        };

        var response = await Client(key).PostAsync($"/api/v1/customers/{customer.Id}/documents", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await BodyAsync(response)).GetProperty("field").GetString());
        Assert.Equal(0, StoredFiles);
        await using var db = Db();
        Assert.Equal(customer.Documents.Count, (await db.Customers.SingleAsync(c => c.Id == customer.Id)).Documents.Count);
    }

    [Fact]
    public async Task Upload_NotMultipart_Is415WithTheErrorBody()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var response = await Client(key).PostAsync($"/api/v1/customers/{customer.Id}/documents",
            new StringContent("""{ "type": "passport" }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal(("unsupported_media_type", "Content-Type"), (body.GetProperty("code").GetString(), body.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Upload_RefusedByTheDomain_StoresNoFile()
    {
        var customer = A.Pending();
        await using (var seed = Db())
        {
            seed.Customers.Add(customer);
            await seed.SaveChangesAsync();
        }
        var key = await KeyOfAsync("lumen-wallet");

        var response = await Client(key).PostAsync($"/api/v1/customers/{customer.Id}/documents", Upload(Jpeg, "passport.jpg"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0, StoredFiles);
    }

    [Fact]
    public async Task Resubmit_AfterARetryableRejection_IsPendingAgainWithTheCorrection()
    {
        var customer = A.InStatus(CustomerStatus.Rejected);
        await using (var seed = Db())
        {
            seed.Customers.Add(customer);
            await seed.SaveChangesAsync();
        }
        var key = await KeyOfAsync("lumen-wallet");

        var response = await Client(key).PostAsync($"/api/v1/customers/{customer.Id}/resubmit",
            new StringContent("""{ "individualData": { "lastName": "Restrepo Gómez" } }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await BodyAsync(response)).GetProperty("data");
        Assert.Equal(("resubmitted", "pending"), (data.GetProperty("effect").GetString(), data.GetProperty("customer").GetProperty("status").GetString()));
        await using var db = Db();
        Assert.Equal("Camila Restrepo Gómez", (await db.Customers.SingleAsync(c => c.Id == customer.Id)).Name);
    }

    [Fact]
    public async Task Resubmit_AfterAFinalRejection_OrWhilePending_Is409()
    {
        var final = A.Approvable();
        final.Reject(A.Reviewer, A.T0.AddHours(3), ["sanctions_match"], true, "We are unable to offer you this service.", null);
        var pending = A.Pending();
        await using (var seed = Db())
        {
            seed.Customers.AddRange(final, pending);
            await seed.SaveChangesAsync();
        }
        var key = await KeyOfAsync("lumen-wallet");
        var client = Client(key);

        var afterFinal = await client.PostAsync($"/api/v1/customers/{final.Id}/resubmit", null);
        var whilePending = await client.PostAsync($"/api/v1/customers/{pending.Id}/resubmit", null);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (afterFinal.StatusCode, whilePending.StatusCode));
        Assert.Equal("Resubmit is unavailable: the rejection is final.", (await BodyAsync(afterFinal)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Resubmit_ANeedsInformationCustomer_AnswersTheChecklist()
    {
        var customer = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic,
            VerificationModel.PartnerVerified, "lumen-wallet", Person: A.Person(), Documents: [A.Passport()]), A.Policy);
        await using (var seed = Db())
        {
            seed.Customers.Add(customer);
            await seed.SaveChangesAsync();
        }
        Assert.Contains(customer.OpenChecklist, i => i.Code == RequirementCode.LivenessAttestation);
        var key = await KeyOfAsync("lumen-wallet");

        var response = await Client(key).PostAsync($"/api/v1/customers/{customer.Id}/resubmit",
            new StringContent("""{ "livenessCompleted": true }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await BodyAsync(response)).GetProperty("data");
        Assert.Equal(("submitted_for_review", "pending"),
            (data.GetProperty("effect").GetString(), data.GetProperty("customer").GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("PATCH", "")]
    [InlineData("POST", "/resubmit")]
    [InlineData("POST", "/documents")]
    [InlineData("GET", "/access-requests")]
    [InlineData("POST", "/access-requests")]
    public async Task EveryCustomerEndpoint_AnswersAnotherPartnersCustomerLikeAMissingOne(string method, string suffix)
    {
        var theirs = await ActiveCustomerOfAsync("lumen-wallet");
        var client = Client(await KeyOfAsync("paygo-mobile"));
        HttpContent? Body() => suffix == "/documents" ? Upload(Jpeg, "p.jpg")
            : method == "GET" ? null
            : new StringContent("""{ "individualData": { "email": "x@example.co" } }""", Encoding.UTF8, "application/json");

        var other = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/customers/{theirs.Id}{suffix}") { Content = Body() });
        var missing = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/customers/{Guid.NewGuid()}{suffix}") { Content = Body() });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (other.StatusCode, missing.StatusCode));
        Assert.Equal((await BodyAsync(missing)).GetProperty("code").GetString(), (await BodyAsync(other)).GetProperty("code").GetString());
        await using var db = Db();
        Assert.Equal(theirs.Version, (await db.Customers.SingleAsync(c => c.Id == theirs.Id)).Version);
    }
}
