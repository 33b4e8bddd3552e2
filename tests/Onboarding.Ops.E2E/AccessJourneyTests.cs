using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.E2E;

public sealed class AccessJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    /// <summary>Active customers with requests made for this journey, so it does not depend on the random demo data.</summary>
    private async Task SeedAsync()
    {
        await using var db = browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        if (await db.Customers.AnyAsync(c => c.Name == "Ingrid Alvarez"))
        {
            return;
        }
        foreach (var (first, last) in new[] { ("Ingrid", "Alvarez"), ("Marisol", "Uno"), ("Marisol", "Dos"), ("Marisol", "Tres") })
        {
            var customer = Active(A.Person(first, last));
            db.Customers.Add(customer);
            db.AccessRequests.Add(A.CardRequest(customer, DateTimeOffset.UtcNow.AddHours(-2)));
        }
        var advanced = Active(A.Person("Oskar", "Lindqvist"), VerificationLevel.Advanced);
        db.Customers.Add(advanced);
        db.AccessRequests.Add(AccessRequest.Request(A.Partner, DateTimeOffset.UtcNow.AddHours(-1), advanced,
            new ProductChoice(Product.VirtualAccount, Currency: "EUR"), []).Created!);
        await db.SaveChangesAsync();
    }

    private static Customer Active(PersonData person, VerificationLevel level = VerificationLevel.Basic)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-2);
        IReadOnlyList<NewDocument> documents = level == VerificationLevel.Advanced
            ? [A.Passport(), A.ProofOfAddress(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-10)))] : [A.Passport()];
        var customer = Customer.Create(A.Partner, at, new NewCustomer(CustomerType.Individual, level, VerificationModel.PartnerVerified,
            "lumen-wallet", null, person, Documents: documents, LivenessAttested: true), A.Policy);
        foreach (var document in customer.Documents)
        {
            customer.AcceptDocument(A.Reviewer, at.AddHours(1), document.Id);
        }
        customer.Approve(A.Reviewer, at.AddHours(2), A.Policy);
        return customer;
    }

    private static async Task OpenRequestAsync(IPage page, string query)
    {
        await page.GotoAsync("/access-requests" + query);
        await new ShellPage(page).WaitUntilInteractiveAsync();
        var row = page.Locator("tbody tr.mud-table-row").First;
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByTestId("decision").WaitForAsync();
    }

    private static async Task ChooseReasonAsync(IPage page, string code)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("div.mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = code }).First.ClickAsync();
        // A click outside the list closes it (the list stays open for more choices).
        await dialog.Locator(".mud-dialog-title").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ProductApprover_GrantsRevokesRejectsAndBulkGrants()
    {
        await SeedAsync();
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.ProductApprover, OpsAppFactory.DemoPassword);

        // Grant a ready card request, then revoke it.
        await OpenRequestAsync(page, "?q=Ingrid");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Grant", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("request-status")).ToHaveTextAsync("Granted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await ChooseReasonAsync(page, "suspected_fraud");
        var message = page.GetByRole(AriaRole.Dialog).GetByLabel("Message to the customer");
        await message.FillAsync("Your card has been cancelled.");
        await Assertions.Expect(message).ToHaveValueAsync("Your card has been cancelled.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "access-revoke-dialog.png") });
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Stage revocation" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("staged-decision")).ToContainTextAsync("revocation staged by Pablo Approver");

        // Revoking needs four eyes: a second approver confirms it.
        var checker = await browser.NewPageAsync();
        await new LoginPage(checker).SignInAsync(OpsAppFactory.SecondApprover, OpsAppFactory.DemoPassword);
        await checker.GotoAsync(page.Url);
        await new ShellPage(checker).WaitUntilInteractiveAsync();
        await checker.GetByTestId("confirm-staged").ClickAsync();
        await checker.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(checker.GetByTestId("request-status")).ToHaveTextAsync("Revoked");
        await checker.CloseAsync();

        // A virtual account without the questionnaire cannot be granted: reject it for that.
        await OpenRequestAsync(page, "?view=blocked&q=Oskar");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Grant" })).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByTestId("why-not-grant")).ToContainTextAsync("source-of-funds questionnaire");
        await new ShellPage(page).ScreenshotAsync("access-decision-blocked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await ChooseReasonAsync(page, "questionnaire_incomplete");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Reject", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("request-status")).ToHaveTextAsync("Rejected");

        // Bulk-grant three ready card requests.
        await page.GotoAsync("/access-requests?q=Marisol");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(3);
        await page.Locator("thead input[type=checkbox]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant selected (3)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("3 requests");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Grant" }).ClickAsync();
        await Assertions.Expect(page.GetByText("3 granted.")).ToBeVisibleAsync();
        await new ShellPage(page).ScreenshotAsync("access-queue-after-bulk");

        // The customer page shows the results.
        await page.GotoAsync("/access-requests?view=revoked&q=Ingrid");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await page.Locator("tbody tr.mud-table-row").First.GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ingrid Alvarez" }).ClickAsync();
        await new CustomerPage(page).OpenTabAsync("Product access");
        await Assertions.Expect(page.GetByTestId("access-requests")).ToContainTextAsync("Revoked");
        await new ShellPage(page).ScreenshotAsync("customer-product-access");
    }
}
