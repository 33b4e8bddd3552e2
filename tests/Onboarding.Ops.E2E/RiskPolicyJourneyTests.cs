using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Risk;

namespace Onboarding.Ops.E2E;

/// <summary>
/// An admin changes the risk policy and every customer is assessed again in the background (its own app: the
/// re-assessment walks every customer there).
/// </summary>
public sealed class RiskPolicyJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_AddsACountryToTheRiskList_AndItsCustomersRiskRisesWithoutAnyOtherChange()
    {
        // A Panamanian customer, active and assessed low under today's policy.
        var panamanian = A.Person("Ana", "Mendoza") with
        {
            Nationality = "PA", Address = A.Person().Address! with { City = "Panamá", PostalCode = "0801", CountryCode = "PA" },
        };
        var customer = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic,
            VerificationModel.PartnerVerified, "lumen-wallet", "ref-pa", panamanian, Documents: [A.Passport()], LivenessAttested: true), A.Policy);
        customer.AcceptDocument(A.Reviewer, A.T0.AddHours(1), customer.Documents[0].Id);
        customer.Approve(A.Reviewer, A.T0.AddHours(2), A.Policy);
        await using (var db = await browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContextAsync())
        {
            db.Customers.Add(customer);
            await RiskAssessor.AssessAsync(db, customer, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var admin = await browser.NewPageAsync();
        await new LoginPage(admin).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        await admin.GotoAsync("/admin/reference-data");
        await new ShellPage(admin).WaitUntilInteractiveAsync();

        var risk = admin.GetByTestId("risk-settings");
        await risk.GetByLabel("Country code").FillAsync("PA");
        await risk.GetByLabel("Points").FillAsync("60");
        await risk.GetByLabel("Reason").FillAsync("Offshore centre, demo.");
        await risk.GetByRole(AriaRole.Button, new() { Name = "Add to the list" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("risk-reassessment")).ToContainTextAsync("Customers are being assessed again with the latest change.");

        // The background does this within a minute; the journey does not wait for it.
        Assert.NotNull(await browser.App.Services.GetRequiredService<RiskReassessment>().ReassessIfPolicyChangedAsync());
        await admin.ReloadAsync();
        await new ShellPage(admin).WaitUntilInteractiveAsync();
        await Assertions.Expect(admin.GetByTestId("risk-reassessment")).ToContainTextAsync("Last re-assessment");
        await Assertions.Expect(admin.GetByTestId("risk-reassessment")).Not.ToContainTextAsync("being assessed again");
        await new ShellPage(admin).ScreenshotAsync("admin-risk-reassessed");

        await admin.GotoAsync($"/customers/{customer.Id}");
        await new ShellPage(admin).WaitUntilInteractiveAsync();
        await Assertions.Expect(admin.GetByTestId("risk")).ToContainTextAsync("Risk high");
        await Assertions.Expect(admin.GetByTestId("risk")).ToContainTextAsync("PA is on the country risk list");
        Assert.Empty(browser.App.Errors);
    }
}
