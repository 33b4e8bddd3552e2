using System.Net;
using System.Text;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Components.Pages.Admin;
using Onboarding.Ops.Web.Features.ReferenceData;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The admin-kept unsupported countries, and the duplicate and eligibility checks run on what partners send.</summary>
public sealed class ReferenceDataTests(SharedApp shared) : PartnerApiTestBase(shared)
{
    private Task<T> AsAdmin<T>(Func<CountryEligibility, Task<T>> act) => app.RunAsAsync(OpsAppFactory.Admin, act);

    private static string Person(string first, string last, string birth, string nationality, string email) => $$"""
        { "type": "individual", "level": "minimum", "verificationModel": "partner_verified",
          "individualData": { "firstName": "{{first}}", "lastName": "{{last}}", "birthDate": "{{birth}}", "nationality": "{{nationality}}",
                              "email": "{{email}}", "phone": "+2348031234567" } }
        """;

    private async Task<Customer> CreatedAsync(string key, string json)
    {
        var response = await PostAsync(key, json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await BodyAsync(response)).GetProperty("data").GetProperty("id").GetGuid();
        await using var db = Db();
        return await db.Customers.SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task UnsupportedCountries_StartWithTheInitialList()
    {
        var list = await AsAdmin(e => e.ListAsync());

        Assert.Equal(CheckSettings.Default.UnsupportedCountries.Order(), list.Select(c => c.Code));
    }

    [Fact]
    public async Task AddingACountry_MakesNewSubmissionsTiedToItFailEligibility_AndIsAudited()
    {
        var key = await KeyOfAsync("lumen-wallet");
        var before = await CreatedAsync(key, Person("Luis", "Pérez", "1985-03-02", "VE", "luis@example.ve"));

        var added = await AsAdmin(e => e.AddAsync(" ve ", "Licence does not cover Venezuela."));
        var after = await CreatedAsync(key, Person("Ana", "Rojas", "1987-07-09", "VE", "ana@example.ve"));

        Assert.True(added.Succeeded, added.Message);
        Assert.Equal(CheckOutcome.Pass, before.Checks.Single(c => c.Code == "unsupported_country").Outcome);
        Assert.Equal(CheckOutcome.Fail, after.Checks.Single(c => c.Code == "unsupported_country").Outcome);
        await using var db = Db();
        var entry = await db.AuditEntries.SingleAsync(e => e.SubjectType == "unsupported_country" && e.SubjectId == "VE");
        Assert.Equal(("country_added", "Licence does not cover Venezuela."), (entry.Action, entry.Note));
    }

    [Fact]
    public async Task RemovingACountry_LetsItsSubmissionsPass_AndIsAudited()
    {
        var key = await KeyOfAsync("lumen-wallet");

        var removed = await AsAdmin(e => e.RemoveAsync("CU"));
        var again = await AsAdmin(e => e.RemoveAsync("CU"));
        var cuban = await CreatedAsync(key, Person("Rosa", "Martí", "1990-01-01", "CU", "rosa@example.cu"));

        Assert.True(removed.Succeeded);
        Assert.False(again.Succeeded);
        Assert.Equal(CheckOutcome.Pass, cuban.Checks.Single(c => c.Code == "unsupported_country").Outcome);
        await using var db = Db();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "country_removed" && e.SubjectId == "CU"));
    }

    [Theory]
    [InlineData("VEN", "Reason", "not an ISO 3166-1 alpha-2")]
    [InlineData("ZZ", "Reason", "not an ISO 3166-1 alpha-2")]
    [InlineData("VE", " ", "Say why")]
    [InlineData("KP", "Again", "already on the list")]
    public async Task BadAdditions_AreRefusedWithAClearMessage_AndChangeNothing(string code, string reason, string message)
    {
        var result = await AsAdmin(e => e.AddAsync(code, reason));

        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Message);
        Assert.Equal(4, (await AsAdmin(e => e.ListAsync())).Count);
    }

    [Theory]
    [InlineData(StaffRoles.Reviewer)]
    [InlineData(StaffRoles.Support)]
    [InlineData(StaffRoles.ProductApprover)]
    public async Task TheList_IsKeptByAdminsOnly(string role)
    {
        var email = OpsAppFactory.DemoEmailByRole[role];

        await Assert.ThrowsAsync<StaffForbiddenException>(() => app.RunAsAsync<CountryEligibility, object>(email, async e => await e.ListAsync()));
        await Assert.ThrowsAsync<StaffForbiddenException>(() => app.RunAsAsync<CountryEligibility, object>(email, async e => await e.AddAsync("VE", "x")));
        await Assert.ThrowsAsync<StaffForbiddenException>(() => app.RunAsAsync<CountryEligibility, object>(email, async e => await e.RemoveAsync("KP")));
    }

    [Fact]
    public async Task SameNameAndBirthDate_AtAnotherPartner_IsADuplicateWarning()
    {
        await CreatedAsync(await KeyOfAsync("paygo-mobile"), Person("Chidi", "Okafor", "1979-12-24", "NG", "chidi@paygo.example"));

        var second = await CreatedAsync(await KeyOfAsync("lumen-wallet"), Person("CHIDI", "okafor", "1979-12-24", "NG", "c.okafor@lumen.example"));
        var sameNameOtherDay = await CreatedAsync(await KeyOfAsync("lumen-wallet"), Person("Chidi", "Okafor", "1979-12-25", "NG", "c2@lumen.example"));

        var check = second.Checks.Single(c => c.Code == "duplicate_customer");
        Assert.Equal(CheckOutcome.Warn, check.Outcome);
        Assert.Contains("name and birth date", check.Detail);
        Assert.Equal(CheckOutcome.Pass, sameNameOtherDay.Checks.Single(c => c.Code == "duplicate_customer").Outcome);
    }

    [Fact]
    public async Task Patch_RunsTheChecksOnTheNewData()
    {
        var customer = await ActiveCustomerOfAsync("lumen-wallet");
        var key = await KeyOfAsync("lumen-wallet");

        var response = await Client(key).PatchAsync($"/api/v1/customers/{customer.Id}", new StringContent(
            """{ "individualData": { "nationality": "KP" } }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = Db();
        var stored = await db.Customers.SingleAsync(c => c.Id == customer.Id);
        Assert.Equal(CheckOutcome.Fail, stored.Checks.Last(c => c.Code == "unsupported_country").Outcome);
    }
}

public sealed class ReferenceDataPageTests : OpsComponentTest
{
    /// <summary>An app of its own (no demo customers), the page's services on it, an admin signed in.</summary>
    private OpsAppFactory StartAsAdmin()
    {
        var app = new OpsAppFactory(settings: new Dictionary<string, string?> { ["DemoData:Customers"] = "0" });
        app.CreateClient().Dispose();
        UseDatabaseOf(app);
        Context.Services.AddScoped<CountryEligibility>();
        Context.Services.AddScoped<RiskSettings>();
        SignInAs(StaffRoles.Admin);
        return app;
    }

    [Fact]
    public async Task Page_ListsTheCountries_AndAddsOne()
    {
        using var app = StartAsAdmin();

        var page = Context.Render<ReferenceData>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-country]").Count), TimeSpan.FromSeconds(5));
        // The four-eyes rules above the countries, each on by default, each with who set it (read apart from the
        // countries: on PostgreSQL they may arrive a render later).
        page.WaitForAssertion(() => Assert.Equal(
            ["access_revocation", "approval_with_cleared_check", "final_rejection", "high_risk_approval", "virtual_account_grant"],
            page.FindAll("[data-rule]").Select(r => r.GetAttribute("data-rule")).Order()), TimeSpan.FromSeconds(5));
        Assert.All(page.FindAll("[data-rule]"), r => Assert.Contains("needs a second reviewer", r.TextContent));
        page.Find("[data-testid=unsupported-countries] input[maxlength='2']").Input("VE");
        page.FindAll("[data-testid=unsupported-countries] input").Single(i => i.GetAttribute("maxlength") == UnsupportedCountry.MaxReasonLength.ToString())
            .Input("Licence does not cover it.");
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Add country")).Click());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-country=VE]")), TimeSpan.FromSeconds(5));
        Assert.Contains("Licence does not cover it.", page.Find("[data-country=VE]").TextContent);
    }

    [Fact]
    public async Task RiskCard_SaysWhenCustomersAreBeingAssessedAgain_AndTheLastRun()
    {
        using var app = StartAsAdmin();
        Assert.True((await app.RunAsAsync<RiskSettings, Features.Customers.DecisionResult>(OpsAppFactory.Admin, r => r.AddCountryAsync("PA", 20, "Offshore centre"))).Succeeded);

        var page = Context.Render<ReferenceData>();
        page.WaitForAssertion(() => Assert.Contains("Customers are being assessed again with the latest change.",
            page.Find("[data-testid=risk-reassessment]").TextContent), TimeSpan.FromSeconds(5));

        await app.Services.GetRequiredService<Features.Risk.RiskReassessment>().ReassessIfPolicyChangedAsync();
        page = Context.Render<ReferenceData>();
        page.WaitForAssertion(() => Assert.Contains("Last re-assessment", page.Find("[data-testid=risk-reassessment]").TextContent), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("being assessed again", page.Find("[data-testid=risk-reassessment]").TextContent);
    }
}
