using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Testing;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The partner's side of the review loop: the questionnaire endpoint, checklists closed only by the right answer, proposed updates.</summary>
public sealed class PartnerApiReviewLoopTests(SharedApp shared) : PartnerApiTestBase(shared)
{
    private const string PersonAnswers = """
        { "occupation": "Logistics analyst", "employmentStatus": "employed", "sourceOfFunds": "salary",
          "expectedMonthlyVolume": "1000_to_10000", "purpose": "Salary and payments to suppliers abroad" }
        """;

    private Task<HttpResponseMessage> PutAnswersAsync(string key, Guid id, string json) =>
        Client(key).PutAsync($"/api/v1/customers/{id}/source-of-funds", new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PatchAsync(string key, Guid id, string json) =>
        Client(key).PatchAsync($"/api/v1/customers/{id}", new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<Customer> SavedAsync(Customer customer)
    {
        await using var db = Db();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    private async Task<Customer> StoredAsync(Guid id)
    {
        await using var db = Db();
        return await db.Customers.SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task Questionnaire_Answered_IsStoredWithWhoAndWhen_AndShownOnGet()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var response = await PutAnswersAsync(key, customer.Id, PersonAnswers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await BodyAsync(response)).GetProperty("data");
        Assert.Equal("questionnaire_answered", data.GetProperty("effect").GetString());
        var answered = data.GetProperty("customer").GetProperty("sourceOfFunds");
        Assert.Equal(("salary", "partner"), (answered.GetProperty("answers").GetProperty("sourceOfFunds").GetString(), answered.GetProperty("answeredBy").GetString()));
        var stored = await StoredAsync(customer.Id);
        Assert.Equal((FundsSource.Salary, MonthlyVolume.From1000To10000), (stored.SourceOfFunds!.Answers.Source, stored.SourceOfFunds.Answers.ExpectedMonthlyVolume));
        Assert.Equal(CustomerStatus.Active, stored.Status);
    }

    [Theory]
    [InlineData("""{ "occupation": "Analyst", "employmentStatus": "employed", "sourceOfFunds": "salary", "expectedMonthlyVolume": "1000_to_10000" }""", "purpose")]
    [InlineData("""{ "occupation": "Analyst", "employmentStatus": "astronaut", "sourceOfFunds": "salary", "expectedMonthlyVolume": "1000_to_10000", "purpose": "x" }""", "employmentStatus")]
    [InlineData("""{ "occupation": "Analyst", "employmentStatus": "employed", "sourceOfFunds": "shareholder_capital", "expectedMonthlyVolume": "1000_to_10000", "purpose": "x" }""", "sourceOfFunds")]
    [InlineData("""{ "occupation": "Analyst", "employmentStatus": "employed", "sourceOfFunds": "salary", "expectedMonthlyVolume": "1000_to_10000", "purpose": "x", "countriesOfOperation": ["CO"] }""", "countriesOfOperation")]
    [InlineData("""{ "occupation": "  ", "employmentStatus": "employed", "sourceOfFunds": "salary", "expectedMonthlyVolume": "1000_to_10000", "purpose": "x" }""", "body")]
    [InlineData("""[ "not an object" ]""", "body")]
    public async Task Questionnaire_BadOrIncomplete_Is400NamingTheField_AndStoresNothing(string json, string field)
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var response = await PutAnswersAsync(key, customer.Id, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await BodyAsync(response)).GetProperty("field").GetString());
        Assert.Null((await StoredAsync(customer.Id)).SourceOfFunds);
    }

    [Fact]
    public async Task Questionnaire_OfAnotherPartnersCustomer_IsNotFound()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("paygo-mobile");

        Assert.Equal(HttpStatusCode.NotFound, (await PutAnswersAsync(key, customer.Id, PersonAnswers)).StatusCode);
    }

    [Fact]
    public async Task Questionnaire_AfterAFinalRejection_Is409()
    {
        var customer = A.Pending();
        customer.Reject(A.Reviewer, A.T0.AddHours(2), ["suspected_fraud"], true, "We cannot offer the service.", null);
        await SavedAsync(customer);
        var key = await KeyOfAsync("lumen-wallet");

        var response = await PutAnswersAsync(key, customer.Id, PersonAnswers);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Null((await StoredAsync(customer.Id)).SourceOfFunds);
    }

    [Fact]
    public async Task Questionnaire_AskedForInAChecklist_ClosesIt()
    {
        var customer = A.Pending();
        customer.RequestInformation(A.Reviewer, A.T0.AddHours(2), [new(RequirementCode.SourceOfFunds, "Tell us where the money comes from.")], "One more step.");
        await SavedAsync(customer);
        var key = await KeyOfAsync("lumen-wallet");

        var data = (await BodyAsync(await PutAnswersAsync(key, customer.Id, PersonAnswers))).GetProperty("data");

        Assert.Equal("pending", data.GetProperty("customer").GetProperty("status").GetString());
        Assert.Empty(data.GetProperty("customer").GetProperty("missing").EnumerateArray());
    }

    [Fact]
    public async Task Checklist_ForAName_IsNotClosedByAPhoneOnlyPatch_AndTheAnswerSaysWhatRemains()
    {
        var customer = A.Pending();
        customer.RequestInformation(A.Reviewer, A.T0.AddHours(2),
            [new(RequirementCode.LegalName, "Your full legal name as on the passport."), new(RequirementCode.Phone, "A mobile number.")], "Two things.");
        await SavedAsync(customer);
        var key = await KeyOfAsync("lumen-wallet");

        var data = (await BodyAsync(await PatchAsync(key, customer.Id, """{ "individualData": { "phone": "+573009998877" } }"""))).GetProperty("data");

        Assert.Equal("needs_information", data.GetProperty("customer").GetProperty("status").GetString());
        Assert.Equal("Received. Still needed: Legal name (see missing).", data.GetProperty("message").GetString());
        var stored = await StoredAsync(customer.Id);
        Assert.Equal([RequirementCode.LegalName], stored.OpenChecklist.Select(i => i.Code));
        Assert.Equal("+573009998877", stored.Person!.Phone);

        // Re-confirming the name as it is counts as the answer.
        var confirmed = (await BodyAsync(await PatchAsync(key, customer.Id, """{ "individualData": { "lastName": "Restrepo" } }"""))).GetProperty("data");
        Assert.Equal("pending", confirmed.GetProperty("customer").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Update_OfAnActiveCustomer_IsProposedBesideTheVerifiedData()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var data = (await BodyAsync(await PatchAsync(key, customer.Id, """{ "individualData": { "lastName": "Vélez" } }"""))).GetProperty("data");

        var view = data.GetProperty("customer");
        Assert.Equal("update_requested", view.GetProperty("status").GetString());
        Assert.Equal("Restrepo", view.GetProperty("individualData").GetProperty("lastName").GetString());
        var proposed = view.GetProperty("proposedUpdate");
        Assert.Equal("Vélez", proposed.GetProperty("individualData").GetProperty("lastName").GetString());
        var change = Assert.Single(proposed.GetProperty("changes").EnumerateArray());
        Assert.Equal(("lastName", "Restrepo", "Vélez"), (change.GetProperty("field").GetString(), change.GetProperty("old").GetString(), change.GetProperty("new").GetString()));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheQuestionnaireEndpoint()
    {
        var paths = (await BodyAsync(await Client(null).GetAsync("/api/openapi/partners.json"))).GetProperty("paths");

        var put = paths.GetProperty("/api/v1/customers/{id}/source-of-funds").GetProperty("put");

        Assert.Contains("questionnaire", put.GetProperty("description").GetString());
        Assert.True(put.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(put.GetProperty("responses").TryGetProperty("409", out _));
        Assert.Equal(JsonValueKind.Object, put.GetProperty("requestBody").ValueKind);
    }
}
