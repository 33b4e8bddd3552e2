using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.E2E;

/// <summary>What partners send over the API, as the back office sees it; and the reference partners integrate from.</summary>
public sealed class PartnerApiJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    /// <summary>An admin issues a key in Admin › Partners, as it is done for a real partner.</summary>
    private async Task<(IPage Admin, PartnerIntegration Partner)> IssueKeyAsync(string partnerId)
    {
        var admin = await browser.NewPageAsync();
        await new LoginPage(admin).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        var partners = new PartnersPage(admin);
        await partners.OpenAsync();
        return (admin, new PartnerIntegration(admin, await partners.IssueKeyAsync(partnerId)));
    }

    [Fact]
    public async Task CustomerCreatedOverTheApi_ReachesTheReviewersQueueWithItsChecks()
    {
        var (_, partner) = await IssueKeyAsync("colibri-remesas");

        var created = await partner.CreateCustomerAsync(new
        {
            type = "individual", level = "minimum", verificationModel = "partner_verified",
            individualData = new { firstName = "Yusuf", lastName = "Balogun", birthDate = "1988-02-29", nationality = "NG",
                email = "yusuf.balogun@example.ng", phone = "+2348059876543" },
        });
        // By id: the demo population may hold a namesake.
        var id = created.GetProperty("id").GetString()!;

        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        var queue = new QueuePage(page);
        await queue.OpenAsync();
        await queue.SearchAsync(id);
        await Assertions.Expect(queue.Rows).ToHaveCountAsync(1);
        var customer = await queue.OpenRowAsync(0);
        await customer.OpenTabAsync("History");
        await Assertions.Expect(page.Locator("[data-action=checks_recorded]")).ToContainTextAsync("placeholder_data");
        await Assertions.Expect(page.Locator("[data-action=created]")).ToContainTextAsync("Colibrí Remesas (API key");
        await new ShellPage(page).ScreenshotAsync("customer-from-api");
    }

    [Fact]
    public async Task AnSdkIntegration_ChangingOnlyItsBaseUrl_CreatesReadsAnswersAndRequests_AndTheBackOfficeSeesIt()
    {
        var (admin, partner) = await IssueKeyAsync("colibri-remesas");
        await new PartnersPage(admin).SetDefaultLevelAsync("colibri-remesas", "advanced");
        await new ShellPage(admin).ScreenshotAsync("admin-partners-default-level");

        // The SDK's own create: flat, no level, address as country/zipCode, the passport's image in base64.
        var created = await partner.PublicAsync("POST", "/customers", new
        {
            type = "individual", firstName = "Adaeze", lastName = "Okafor", birthDate = "1992-07-03", nationality = "NG", nationalId = "NG-4471",
            email = "adaeze.okafor@example.ng", phone = "+2348031112233",
            address = new { line1 = "4 Awolowo Road", city = "Lagos", state = "Lagos", country = "NG", zipCode = "101233" },
            identityDocuments = new { type = "passport", issuingCountry = "NG", imageFront = Convert.ToBase64String(Onboarding.Ops.Web.Features.Documents.Specimen.Of(A.Passport(), A.Person("Adaeze", "Okafor"), null)) },
        }, 201);
        var id = created.GetProperty("id").GetString()!;
        var link = created.GetProperty("sumsub").GetProperty("url").GetString()!;
        var read = await partner.PublicAsync("GET", $"/customers/{id}", null, 200);
        Assert.Equal("needs_information", read.GetProperty("status").GetString());
        await partner.PublicAsync("POST", $"/customers/{id}/questionnaires/source-of-funds/submit", new
        {
            answers = new object[]
            {
                new { id = "occupation", answer = "Pharmacist" }, new { id = "employmentStatus", answer = "employed" },
                new { id = "sourceOfFunds", answer = "salary" }, new { id = "expectedMonthlyVolume", answer = "1000_to_10000" },
                new { id = "purpose", answer = "Salary and rent" },
            },
        }, 200);
        var requested = await partner.PublicAsync("POST", $"/customers/{id}/request", new { accessType = "cards", cardType = "virtual-usd-visa" }, 201);
        Assert.Equal("rejected", requested.GetProperty("status").GetString());

        // The end user opens the link from sumsub.url.
        var phone = await browser.NewPhonePageAsync();
        await phone.GotoAsync(link);
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Hello, Adaeze" })).ToBeVisibleAsync();

        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        await page.GotoAsync($"/customers/{id}");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("customer-name")).ToContainTextAsync("Adaeze Okafor");
        await Assertions.Expect(page.GetByTestId("source-of-funds")).ToContainTextAsync("Pharmacist");
        await new CustomerPage(page).OpenTabAsync("History");
        await Assertions.Expect(page.Locator("[data-action=created]")).ToContainTextAsync("Colibrí Remesas (API key");
        await Assertions.Expect(page.Locator("[data-action=information_provided]")).ToContainTextAsync("Colibrí Remesas (API key");
        await new ShellPage(page).ScreenshotAsync("customer-from-public-api");
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContextAsync();
        var stored = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == Guid.Parse(id));
        Assert.Equal((VerificationLevel.Advanced, DocumentType.Passport), (stored.Level, stored.Documents.Single().Type));
    }

    [Fact]
    public async Task PatchOfTheAddressOfAnActiveCustomer_PutsItUnderNeedsReviewWithOldAndNew()
    {
        Customer active;
        await using (var db = await browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContextAsync())
        {
            active = await db.Customers.AsNoTracking().Where(c => c.Status == CustomerStatus.Active && c.Type == CustomerType.Individual
                && c.AssigneeId == null).OrderBy(c => c.CreatedAt).FirstAsync();
        }
        var oldAddress = active.Person!.Address!.ToString();
        var (_, partner) = await IssueKeyAsync(active.PartnerId);

        var patched = await partner.ChangeCustomerAsync(active.Id.ToString(),
            new { individualData = new { address = new { line1 = "Rua Augusta 1200", city = "São Paulo", postalCode = "01304-001", countryCode = "BR" } } });
        Assert.Equal(200, patched.Status);
        Assert.Contains("\"effect\":\"update_requested\"", await patched.TextAsync());

        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        var queue = new QueuePage(page);
        await queue.OpenAsync();
        await queue.ChooseViewAsync("Needs review");
        await queue.SearchAsync(active.Id.ToString());
        await Assertions.Expect(queue.Rows).ToHaveCountAsync(1);
        await queue.OpenRowAsync(0);
        var change = page.GetByTestId("update-under-review");
        await Assertions.Expect(change.Locator(".ops-old")).ToHaveTextAsync(oldAddress);
        await Assertions.Expect(change.Locator(".ops-new")).ToContainTextAsync("Rua Augusta 1200, São Paulo");
        await new ShellPage(page).ScreenshotAsync("customer-update-from-api");
        await Assertions.Expect(page.GetByTestId("customer-name")).ToContainTextAsync(active.Name);
    }

    [Fact]
    public async Task Reference_IsBrowsableWithoutSigningIn_AndDescribesEveryEndpoint()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/api/reference/");

        await Assertions.Expect(page.GetByText("Onboarding Ops partner API").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "api-reference.png") });
        foreach (var operation in new[] { "Create a customer", "Change a customer's data", "Upload a document", "Resubmit", "Request access to a product" })
        {
            await Assertions.Expect(page.GetByText(operation, new() { Exact = true }).First).ToBeAttachedAsync();
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "api-reference.png") });

        // The webhooks a partner receives, with their signature headers, are in the same reference.
        await page.GetByText("customer.status_changed", new() { Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByText("Webhook-Signature").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "api-reference-webhooks.png") });
    }

    [Fact]
    public async Task Admin_AddsAnUnsupportedCountry_AndTheNextCustomerFromThereFailsEligibility()
    {
        var (admin, partner) = await IssueKeyAsync("lumen-wallet");
        await admin.GotoAsync("/admin/reference-data");
        await new ShellPage(admin).WaitUntilInteractiveAsync();

        var unsupported = admin.GetByTestId("unsupported-countries");
        await unsupported.GetByLabel("Country code").FillAsync("BY");
        await unsupported.GetByLabel("Reason").FillAsync("Sanctions programme covers Belarus.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add country" }).ClickAsync();
        await Assertions.Expect(admin.Locator("[data-country=BY]")).ToContainTextAsync("Sanctions programme covers Belarus.");
        await new ShellPage(admin).ScreenshotAsync("admin-reference-data");

        var created = await partner.CreateCustomerAsync(new
        {
            type = "individual", level = "minimum", verificationModel = "partner_verified",
            individualData = new { firstName = "Alena", lastName = "Kovalenko", birthDate = "1992-06-30", nationality = "BY",
                email = "alena.k@example.by", phone = "+375291234567" },
        });
        var id = created.GetProperty("id").GetString();
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        await page.GotoAsync($"/customers/{id}");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await new CustomerPage(page).WaitAsync();
        await Assertions.Expect(page.GetByTestId("blockers")).ToContainTextAsync("BY is on the list of unsupported countries");
        await new ShellPage(page).ScreenshotAsync("customer-unsupported-country");
    }
}
