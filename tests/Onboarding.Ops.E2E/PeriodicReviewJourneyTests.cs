using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;

namespace Onboarding.Ops.E2E;

/// <summary>Periodic review in the browser: a reviewer finds a customer due and completes the review with no change.</summary>
public sealed class PeriodicReviewJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AReviewer_FindsACustomerDue_AndCompletesTheReview()
    {
        // Approved three years and four days ago with a passport still valid: a low risk's review is due.
        var approved = DateTimeOffset.UtcNow.AddYears(-3).AddDays(-4);
        var customer = Customer.Create(A.Partner, approved.AddHours(-2), new NewCustomer(CustomerType.Individual, VerificationLevel.Basic,
            VerificationModel.PartnerVerified, "lumen-wallet", null, A.Person("Olena", "Kovalenko"),
            Documents: [A.Passport(DateOnly.FromDateTime(DateTime.UtcNow.AddYears(4)))], LivenessAttested: true), A.Policy);
        customer.AcceptDocument(A.Reviewer, approved.AddHours(-1), customer.Documents[0].Id);
        customer.Approve(A.Reviewer, approved, A.Policy);
        await using (var db = await browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContextAsync())
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }

        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        await page.GotoAsync("/customers?view=due-for-review");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Olena Kovalenko" }).ClickAsync();
        var record = new CustomerPage(page);
        await record.WaitAsync();
        await Assertions.Expect(record.Blockers).ToContainTextAsync("Periodic review due");
        await Assertions.Expect(page.GetByTestId("next-review")).ToContainTextAsync("(due)");

        var decide = new DecisionControls(page);
        await decide.OpenAsync("CompleteReview");
        await decide.Dialog.GetByLabel("What was looked at").FillAsync("Data, documents and screening reviewed with the partner: nothing changed.");
        await decide.ScreenshotDialogAsync("dialog-complete-review");
        await decide.ConfirmAsync("Complete review");

        await Assertions.Expect(record.Blockers).Not.ToContainTextAsync("Periodic review due");
        await Assertions.Expect(page.GetByTestId("next-review")).ToContainTextAsync(DateTime.UtcNow.AddYears(3).ToString("yyyy-MM-dd"));
        await new ShellPage(page).ScreenshotAsync("periodic-review-done");
    }
}
