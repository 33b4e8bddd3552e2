using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Demo;

namespace Onboarding.Ops.E2E;

/// <summary>Screening in the browser: an admin imports a list, everyone is screened again, a reviewer decides the hits.</summary>
public sealed class ScreeningJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private async Task<Customer> SavedAsync(PersonData person)
    {
        var customer = Customer.Create(A.Partner, DateTimeOffset.UtcNow.AddHours(-3), new NewCustomer(CustomerType.Individual, VerificationLevel.Basic,
            VerificationModel.PartnerVerified, "lumen-wallet", null, person, Documents: [A.Passport()], LivenessAttested: true), A.Policy);
        customer.AcceptDocument(A.Reviewer, DateTimeOffset.UtcNow.AddHours(-2), customer.Documents[0].Id);
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContextAsync();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(email, OpsAppFactory.DemoPassword);
        return page;
    }

    private static async Task<CustomerPage> OpenCustomerAsync(IPage page, Guid id)
    {
        await page.GotoAsync($"/customers/{id}");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        var record = new CustomerPage(page);
        await record.WaitAsync();
        return record;
    }

    [Fact]
    public async Task AdminImportsAList_AndAReviewerClearsOneHitAndConfirmsAnother()
    {
        var cleared = await SavedAsync(A.Person("Marisol", "Quintanar") with { BirthDate = new DateOnly(1990, 2, 1) });
        var listed = await SavedAsync(A.Person("Ivan", "Sidorenko") with { BirthDate = new DateOnly(1961, 4, 12), Nationality = "RU" });
        var pep = await SavedAsync(A.Person("Teodora", "Vasquez Linde") with { BirthDate = new DateOnly(1982, 2, 14), Nationality = "MX" });

        var admin = await SignedInAsync(OpsAppFactory.Admin);
        await admin.GotoAsync("/admin/screening");
        await new ShellPage(admin).WaitUntilInteractiveAsync();
        await admin.GetByLabel("List name").FillAsync("Demo sanctions");
        await admin.Locator("input[type=file]").SetInputFilesAsync(DemoData.DemoListPath);
        var version = admin.Locator("[data-list='Demo sanctions v1']");
        await Assertions.Expect(version.GetByTestId("list-state")).ToHaveTextAsync("In use", new() { Timeout = 30_000 });
        await Assertions.Expect(version.GetByTestId("rescreen-progress")).ToContainTextAsync("with a new hit", new() { Timeout = 30_000 });
        await Assertions.Expect(version.GetByTestId("rescreen-progress")).Not.ToContainTextAsync("…", new() { Timeout = 30_000 });
        await Assertions.Expect(version).ToContainTextAsync("5 (4 persons, 1 PEP)");
        await new ShellPage(admin).ScreenshotAsync("screening-lists");

        var page = await SignedInAsync(OpsAppFactory.Reviewer);
        var record = await OpenCustomerAsync(page, cleared.Id);
        var decide = new DecisionControls(page);
        await Assertions.Expect(record.Blockers).ToContainTextAsync("Possible sanctions match");
        await Assertions.Expect(page.Locator("[data-decision=Approve]")).ToHaveCountAsync(0);
        await record.OpenTabAsync("Screening");
        var hit = page.Locator("[data-hit=demo-p-002]");
        await Assertions.Expect(hit.GetByTestId("hit-compare")).ToContainTextAsync("1975-09-30");
        await new ShellPage(page).ScreenshotAsync("screening-hit");
        await hit.GetByRole(AriaRole.Button, new() { Name = "Decide the hit on Marisol Quintanar Bravo" }).ClickAsync();
        await decide.Dialog.GetByText("False positive").ClickAsync();
        await Assertions.Expect(decide.Dialog.GetByRole(AriaRole.Button, new() { Name = "Clear hit" })).ToBeDisabledAsync();
        await decide.Dialog.GetByLabel("Why it is not the listed party").FillAsync("Born 1990 in Colombia; the listed person 1975 in Venezuela.");
        await decide.ScreenshotDialogAsync("dialog-decide-hit");
        await decide.ConfirmAsync("Clear hit");
        await Assertions.Expect(hit.GetByTestId("hit-verdict")).ToContainTextAsync("False positive by Rui Reviewer");
        await Assertions.Expect(page.Locator("[data-decision=Approve]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("risk")).ToContainTextAsync("Risk low");

        // A confirmed PEP does not block: it raises the risk, and a high risk asks for more.
        await OpenCustomerAsync(page, pep.Id);
        await record.OpenTabAsync("Screening");
        await page.GetByRole(AriaRole.Button, new() { Name = "Decide the hit on Teodora Vasquez Linde" }).ClickAsync();
        await decide.Dialog.GetByText("True match").ClickAsync();
        await decide.Dialog.GetByLabel("Note (optional)").FillAsync("Same name and birth date: the listed deputy minister.");
        await decide.ConfirmAsync("Confirm PEP");
        await Assertions.Expect(page.GetByTestId("risk-chip").First).ToHaveTextAsync("Risk high");
        await Assertions.Expect(page.Locator("[data-factor=pep]")).ToContainTextAsync("+50");
        await Assertions.Expect(page.Locator("[data-requirement=SourceOfFunds]")).ToHaveAttributeAsync("data-state", "Missing");
        await Assertions.Expect(record.Blockers).Not.ToContainTextAsync("Possible PEP match");
        await new ShellPage(page).ScreenshotAsync("risk-high-pep");
        await page.GotoAsync("/customers?risk=high&view=all");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator("tbody tr", new() { HasText = "Teodora Vasquez Linde" })).ToContainTextAsync("risk high");
        await new ShellPage(page).ScreenshotAsync("queue-risk-filter");

        await OpenCustomerAsync(page, listed.Id);
        await record.OpenTabAsync("Screening");
        await page.GetByRole(AriaRole.Button, new() { Name = "Decide the hit on Ivan Petrovich Sidorenko" }).ClickAsync();
        await decide.Dialog.GetByText("True match").ClickAsync();
        await decide.ConfirmAsync("Confirm and reject");
        // Reject follows, with the reason set: final, so it is staged for a second reviewer (four eyes).
        await Assertions.Expect(decide.Dialog).ToContainTextAsync("sanctions_match");
        await decide.Dialog.GetByLabel("Message to the customer").FillAsync("We cannot offer you an account.");
        await decide.Dialog.GetByLabel("I confirm this rejection is final").CheckAsync();
        await decide.ConfirmAsync("Stage rejection");
        await Assertions.Expect(record.Blockers).ToContainTextAsync("Awaiting second review");
    }
}
