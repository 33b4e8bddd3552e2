using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Components.Customers;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;
using DecisionScreen = Onboarding.Ops.Web.Components.Pages.AccessRequests.Details;

namespace Onboarding.Ops.Web.Tests;

public sealed class AccessComponentTests : OpsComponentTest
{
    [Fact]
    public void Checklist_ShowsEvidenceForSatisfiedAndTheReasonForFailing()
    {
        var customer = A.Active();
        var results = RequirementEngine.Evaluate(customer,
            [RequirementCode.IdentityDocument, RequirementCode.SourceOfFunds, RequirementCode.LevelAdvanced], A.Policy, new DateOnly(2026, 11, 3));

        var panel = Context.Render<RequirementsPanel>(p => p.Add(x => x.Results, results).Add(x => x.Title, "Requirements for virtual account (EUR)"));

        Assert.Contains("Passport, accepted 2026-11-02, expires 2031-05-01", panel.Find("[data-requirement=IdentityDocument]").TextContent);
        Assert.Equal("Satisfied", panel.Find("[data-requirement=IdentityDocument]").GetAttribute("data-state"));
        Assert.Contains("The source-of-funds questionnaire is not completed", panel.Find("[data-requirement=SourceOfFunds]").TextContent);
        Assert.Equal("Failed", panel.Find("[data-requirement=LevelAdvanced]").GetAttribute("data-state"));
        Assert.Contains("verified at level basic, and advanced is needed", panel.Find("[data-requirement=LevelAdvanced]").TextContent);
    }

    [Fact]
    public async Task DecisionScreen_RequirementFails_GrantIsDisabledWithItsReason()
    {
        using var app = new OpsAppFactory(settings: new Dictionary<string, string?> { ["DemoData:Customers"] = "0" });
        app.CreateClient().Dispose();
        var customer = A.Active();
        var request = AccessRequest.Request(A.Partner, A.T0.AddHours(5), customer, new ProductChoice(Product.VirtualAccount, Currency: "EUR"), []).Created!;
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext())
        {
            db.Customers.Add(customer);
            db.AccessRequests.Add(request);
            await db.SaveChangesAsync();
        }
        UseDatabaseOf(app);
        SignInAs(StaffRoles.ProductApprover);

        var screen = Context.Render<DecisionScreen>(p => p.Add(x => x.Id, request.Id));

        screen.WaitForAssertion(() => Assert.NotNull(screen.Find("[data-testid=why-not-grant]")), TimeSpan.FromSeconds(5));
        var grant = screen.FindAll("button").Single(b => b.TextContent.Trim() == "Grant");
        Assert.True(grant.HasAttribute("disabled"));
        Assert.Equal("Grant is unavailable: verification level advanced is not met: the customer is verified at level basic, and advanced is needed.",
            screen.Find("[data-testid=why-not-grant] .mud-alert-message").TextContent.Trim());
    }
}
