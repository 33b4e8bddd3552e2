using System.Text.Json;
using Microsoft.Playwright;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Documents;

namespace Onboarding.Ops.E2E;

/// <summary>
/// From an empty POST /customers to active: the end user verifies on a phone through the link, the reviewer asks for
/// proof of address, the end user sends it through the same link, the reviewer approves; the partner hears each step.
/// </summary>
public sealed class HostedJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static readonly PersonData Amara = new()
    {
        FirstName = "Amara", LastName = "Okonkwo", BirthDate = new DateOnly(1993, 8, 21), Nationality = "NG", NationalId = "NG-20931",
        Address = new Address { Line1 = "14 Admiralty Way", City = "Lagos", PostalCode = "106104", CountryCode = "NG" },
    };

    private static string FileOf(NewDocument document, string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{name}");
        File.WriteAllBytes(path, Specimen.Of(document, Amara, null));
        return path;
    }

    /// <summary>Opens the link and waits until the form is live (it is prerendered first, with its fields disabled).</summary>
    private static async Task OpenLinkAsync(IPage page, string link)
    {
        await page.GotoAsync(link);
        await page.Locator("[data-testid=hosted-progress][data-ready=true], [data-testid=verification-status]:not(:has([data-testid=hosted-progress]))").First.WaitForAsync();
    }

    /// <summary>
    /// Chooses a file once Blazor has wired the input: the step renders before InputFile's script attaches its change
    /// listener, and a file chosen in between is never seen (no person picks a file that fast; a test can).
    /// </summary>
    private static async Task ChooseFileAsync(ILocator input, string path)
    {
        await input.Page.WaitForFunctionAsync("input => input._blazorInputFileNextFileId !== undefined", await input.ElementHandleAsync());
        await input.SetInputFilesAsync(path);
    }

    // Transitions finished first: a field's label floats up as its value arrives, and a shot taken meanwhile showed it
    // over the value (the page a person sees a moment later is right).
    private static Task ShotAsync(IPage page, string name) => page.ScreenshotAsync(new()
    {
        Path = Path.Combine(BrowserApp.ScreenshotFolder, name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled,
    });

    [Fact]
    public async Task EmptyCustomer_ToActive_ThroughTheLink_WithSignedEventsInOrder()
    {
        await using var receiver = await Receiver.StartAsync();
        var admin = await browser.NewPageAsync();
        await new LoginPage(admin).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        var partners = new PartnersPage(admin);
        await partners.OpenAsync();
        var secret = await partners.SetWebhookAsync("nordpay-business", receiver.Url);
        var key = await partners.IssueKeyAsync("nordpay-business");

        // The partner: an almost empty customer, and the link it sends its end user.
        var data = await new PartnerIntegration(admin, key).CreateCustomerAsync(new { type = "individual", level = "basic", partnerReference = "NP-AMARA" });
        var (id, link) = (data.GetProperty("id").GetString()!, data.GetProperty("verificationLink").GetString()!);

        // The end user, on a phone.
        var phone = await browser.NewPhonePageAsync();
        await OpenLinkAsync(phone, link);
        await Assertions.Expect(phone.GetByTestId("hosted-progress")).ToContainTextAsync("Step 1 of 4: About you");
        await ShotAsync(phone, "hosted-1-about-you-empty");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("Enter your first name.")).ToBeVisibleAsync();
        await phone.GetByLabel("First name").FillAsync(Amara.FirstName!);
        await phone.GetByLabel("Last name").FillAsync(Amara.LastName!);
        await phone.GetByLabel("Date of birth").FillAsync("1993-08-21");
        await phone.GetByLabel("Nationality").FillAsync("NG");
        await phone.GetByLabel("Email").FillAsync("amara.okonkwo@example.ng");
        await phone.GetByLabel("Mobile phone").FillAsync("+2348031112222");
        await ShotAsync(phone, "hosted-1-about-you");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Assertions.Expect(phone.GetByTestId("hosted-progress")).ToContainTextAsync("Step 2 of 4: Where you live");
        // Leave and come back: what was entered is still there.
        await OpenLinkAsync(phone, link);
        await Assertions.Expect(phone.GetByTestId("hosted-progress")).ToContainTextAsync("Step 2 of 4");
        await phone.GetByLabel("Street and number").FillAsync(Amara.Address!.Line1);
        await phone.GetByLabel("City").FillAsync(Amara.Address.City);
        await phone.GetByLabel("Postal code").FillAsync(Amara.Address.PostalCode);
        await phone.GetByLabel("Country").FillAsync("NG");
        await phone.GetByLabel("National ID number").FillAsync(Amara.NationalId!);
        await ShotAsync(phone, "hosted-2-address");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Assertions.Expect(phone.GetByTestId("hosted-progress")).ToContainTextAsync("Step 3 of 4: Your identity document");
        await phone.GetByLabel("Document", new() { Exact = true }).ClickAsync();
        await MudLists.PickAsync(phone, "National ID card");
        await phone.GetByLabel("Issued by").FillAsync("NG");
        await phone.GetByLabel("Expiry date").FillAsync("2031-03-31");
        var card = new NewDocument(DocumentType.IdCard, "NG", new DateOnly(2031, 3, 31));
        await ChooseFileAsync(phone.GetByLabel("Photo of the front"), FileOf(card, "front.png"));
        await Assertions.Expect(phone.GetByTestId("upload-ok").First).ToContainTextAsync("front.png");
        await ChooseFileAsync(phone.GetByLabel("Photo of the back"), FileOf(card, "back.png"));
        await Assertions.Expect(phone.GetByTestId("upload-ok").Nth(1)).ToContainTextAsync("back.png");
        await ShotAsync(phone, "hosted-3-identity-document");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // The selfie: the phone's front camera, through the file input.
        await Assertions.Expect(phone.GetByTestId("hosted-progress")).ToContainTextAsync("Step 4 of 4: A selfie");
        await Assertions.Expect(phone.GetByLabel("Your selfie")).ToHaveAttributeAsync("capture", "user");
        await ChooseFileAsync(phone.GetByLabel("Your selfie"), FileOf(new NewDocument(DocumentType.Selfie), "selfie.png"));
        await Assertions.Expect(phone.GetByTestId("upload-ok")).ToContainTextAsync("selfie.png");
        await ShotAsync(phone, "hosted-3b-selfie");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("hosted-done")).ToHaveAttributeAsync("data-status", "pending");
        await ShotAsync(phone, "hosted-4-submitted");

        // The reviewer: documents checked, proof of address asked for.
        var reviewer = await browser.NewPageAsync();
        await new LoginPage(reviewer).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        await reviewer.GotoAsync($"/customers/{id}");
        await new ShellPage(reviewer).WaitUntilInteractiveAsync();
        var record = new CustomerPage(reviewer);
        await record.WaitAsync();
        await record.OpenTabAsync("Documents");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "View ID card" }).ClickAsync();
        var viewer = reviewer.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(viewer.GetByTestId("document-image")).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByTestId("compare-with")).ToContainTextAsync("1993-08-21");
        await ShotAsync(reviewer, "hosted-5-reviewer-document");
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Accept document" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByTestId("documents")).ToContainTextAsync("Accepted");
        // The selfie, beside the identity document's photo.
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "View selfie" }).ClickAsync();
        await Assertions.Expect(viewer.GetByTestId("identity-photo")).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByTestId("document-image")).ToBeVisibleAsync();
        await ShotAsync(reviewer, "hosted-5b-reviewer-selfie");
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Accept document" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByTestId("documents").Locator(".mud-chip", new() { HasText = "Accepted" })).ToHaveCountAsync(2);
        await record.OpenTabAsync("Profile");
        await Assertions.Expect(reviewer.GetByTestId("liveness-evidence")).ToContainTextAsync("selfie reviewed by");
        var decide = new DecisionControls(reviewer);
        await decide.RequestInformationAsync("Proof of address", "Send a utility bill from the last three months with your address.",
            "Thank you. One more document is needed to finish.");

        // The end user again, through the same link.
        await OpenLinkAsync(phone, link);
        await Assertions.Expect(phone.GetByTestId("verification-status")).ToContainTextAsync("utility bill from the last three months");
        await Assertions.Expect(phone.GetByTestId("hosted-progress")).ToContainTextAsync("Step 1 of 1: Proof of address");
        await phone.GetByLabel("Date on the document").FillAsync(DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd"));
        await ChooseFileAsync(phone.GetByLabel("Proof of address"), FileOf(new NewDocument(DocumentType.ProofOfAddress, "NG",
            IssuedOn: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-10))), "bill.png"));
        await Assertions.Expect(phone.GetByTestId("upload-ok")).ToContainTextAsync("bill.png");
        await ShotAsync(phone, "hosted-6-proof-of-address");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("hosted-done")).ToHaveAttributeAsync("data-status", "pending");

        // The reviewer approves.
        await reviewer.ReloadAsync();
        await new ShellPage(reviewer).WaitUntilInteractiveAsync();
        await record.OpenTabAsync("Documents");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Accept proof of address" }).ClickAsync();
        await decide.OpenAsync("Approve");
        await decide.ConfirmAsync("Approve");
        await Assertions.Expect(decide.Status).ToHaveTextAsync("Active");
        await OpenLinkAsync(phone, link);
        await Assertions.Expect(phone.GetByTestId("verification-status")).ToContainTextAsync("You are verified");
        await ShotAsync(phone, "hosted-7-verified");

        // The partner heard every status change, signed, in order.
        for (var waited = 0; receiver.Received.Count(r => r.Body.Contains(id)) < 4 && waited < 150; waited++)
        {
            await Task.Delay(100);
        }
        var events = receiver.Received.Where(r => r.Body.Contains(id)).ToList();
        Assert.All(events, e => Assert.True(Receiver.Verifies(secret, e)));
        var steps = events.Select(e => JsonDocument.Parse(e.Body).RootElement)
            .Select(e => $"{e.GetProperty("type").GetString()}:{e.GetProperty("data").GetProperty("status").GetString()}").ToList();
        Assert.Equal(["customer.submitted:pending", "customer.status_changed:needs_information", "customer.status_changed:pending",
            "customer.status_changed:active"], steps);
    }

    [Fact]
    public async Task ACompany_CompletesItsVerificationOnline()
    {
        var admin = await browser.NewPageAsync();
        await new LoginPage(admin).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        var partners = new PartnersPage(admin);
        await partners.OpenAsync();
        var key = await partners.IssueKeyAsync("nordpay-business");
        var created = await new PartnerIntegration(admin, key).CreateCustomerAsync(
            new { type = "business", level = "basic", businessData = new { legalName = "Lagos Freight Ltd" } });
        var link = created.GetProperty("verificationLink").GetString()!;

        var phone = await browser.NewPhonePageAsync();
        await OpenLinkAsync(phone, link);
        await Assertions.Expect(phone.GetByTestId("hosted-progress")).ToContainTextAsync("Step 1 of 3: The company");
        await Assertions.Expect(phone.GetByLabel("Company legal name")).ToHaveValueAsync("Lagos Freight Ltd");
        await phone.GetByLabel("Registration number").FillAsync("RC-1234567");
        await phone.GetByLabel("Country of incorporation").FillAsync("NG");
        await phone.GetByLabel("Company email").FillAsync("ops@lagosfreight.example");
        await phone.GetByLabel("Company phone").FillAsync("+2348031113333");
        await phone.GetByLabel("Registered address: street and number").FillAsync("3 Wharf Road");
        await phone.GetByLabel("City", new() { Exact = true }).FillAsync("Lagos");
        await phone.GetByLabel("Country", new() { Exact = true }).FillAsync("NG");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await ShotAsync(phone, "hosted-business-company");

        await Assertions.Expect(phone.GetByTestId("hosted-progress")).ToContainTextAsync("Step 2 of 3: Beneficial owners");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("Add at least one owner.")).ToBeVisibleAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Add an owner" }).ClickAsync();
        await phone.GetByLabel("Owner 1: first name").FillAsync("Tunde");
        await phone.GetByLabel("Owner 1: last name").FillAsync("Bakare");
        await phone.GetByLabel("Owner 1: date of birth").FillAsync("1975-06-30");
        await phone.GetByLabel("Owner 1: nationality").FillAsync("NG");
        await phone.GetByLabel("Owner 1: national ID number").FillAsync("NG-555666");
        await phone.GetByLabel("Owner 1: street and number").FillAsync("7 Bourdillon Road");
        await phone.GetByLabel("Owner 1: city").FillAsync("Lagos");
        await phone.GetByLabel("Owner 1: country").FillAsync("NG");
        await phone.GetByLabel("Owner 1: ownership %").FillAsync("80");
        await ShotAsync(phone, "hosted-business-owners");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Assertions.Expect(phone.GetByTestId("hosted-progress")).ToContainTextAsync("Step 3 of 3: Certificate of incorporation");
        await phone.GetByLabel("Date on the certificate").FillAsync("2019-09-01");
        var certificate = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-certificate.pdf");
        await File.WriteAllTextAsync(certificate, "%PDF-1.7\n% certificate of incorporation, SPECIMEN\n%%EOF");
        await ChooseFileAsync(phone.GetByLabel("Certificate of incorporation"), certificate);
        await Assertions.Expect(phone.GetByTestId("upload-ok")).ToContainTextAsync("certificate.pdf");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();

        await Assertions.Expect(phone.GetByTestId("hosted-done")).ToHaveAttributeAsync("data-status", "pending");
    }
}
