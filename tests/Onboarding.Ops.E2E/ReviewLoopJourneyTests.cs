using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Documents;

namespace Onboarding.Ops.E2E;

/// <summary>The review loop without dead ends, in the browser: a duplicate resolved, a virtual account granted, a checklist kept open, an update declined.</summary>
public sealed class ReviewLoopJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private async Task<Customer> SavedAsync(Customer customer)
    {
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContextAsync();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    private static Customer PartnerVerified(PersonData person, VerificationLevel level = VerificationLevel.Basic)
    {
        var customer = Customer.Create(A.Partner, DateTimeOffset.UtcNow.AddHours(-3), new NewCustomer(CustomerType.Individual, level,
            VerificationModel.PartnerVerified, "lumen-wallet", null, person, Documents: [A.Passport()], LivenessAttested: true), A.Policy);
        customer.AcceptDocument(A.Reviewer, DateTimeOffset.UtcNow.AddHours(-2), customer.Documents[0].Id);
        return customer;
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(email, OpsAppFactory.DemoPassword);
        return page;
    }

    private static async Task<CustomerPage> OpenCustomerAsync(IPage page, object id)
    {
        await page.GotoAsync($"/customers/{id}");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        var record = new CustomerPage(page);
        await record.WaitAsync();
        return record;
    }

    private async Task<PartnerIntegration> PartnerAsync(string partnerId)
    {
        var admin = await SignedInAsync(OpsAppFactory.Admin);
        var partners = new PartnersPage(admin);
        await partners.OpenAsync();
        return new PartnerIntegration(admin, await partners.IssueKeyAsync(partnerId));
    }

    [Fact]
    public async Task Reviewer_ResolvesADuplicateAsAFalsePositive_AndApproves()
    {
        var original = PartnerVerified(A.Person("Nadia", "Haddad") with { NationalId = "DZ-770011" });
        original.Approve(A.Reviewer, DateTimeOffset.UtcNow.AddHours(-1), A.Policy);
        await SavedAsync(original);
        var twin = PartnerVerified(A.Person("Nadine", "Haddad") with { NationalId = "DZ-770011", BirthDate = new DateOnly(1994, 2, 3) });
        twin.RecordChecks(Actor.System, DateTimeOffset.UtcNow.AddHours(-3), AutomatedChecks.Run(twin,
            [new DuplicateMatch(original.Id, original.Name, DuplicateKind.NationalId)], CheckSettings.Default, DateOnly.FromDateTime(DateTime.UtcNow)));
        await SavedAsync(twin);

        var page = await SignedInAsync(OpsAppFactory.Reviewer);
        var record = await OpenCustomerAsync(page, twin.Id);
        var decide = new DecisionControls(page);
        await Assertions.Expect(page.Locator("[data-decision=Approve]")).ToHaveCountAsync(0);
        await Assertions.Expect(record.Blockers).ToContainTextAsync("opens Checks and resolves it");

        await record.OpenTabAsync("Checks");
        var check = page.Locator("[data-check=duplicate_customer]");
        await Assertions.Expect(check.GetByTestId("duplicate-compare")).ToContainTextAsync("DZ-770011 (same)");
        await Assertions.Expect(check.GetByRole(AriaRole.Link, new() { Name = "Nadia Haddad" })).ToBeVisibleAsync();
        await new ShellPage(page).ScreenshotAsync("review-loop-duplicate");
        await check.GetByRole(AriaRole.Button, new() { Name = "Resolve duplicate_customer" }).ClickAsync();
        await decide.Dialog.GetByText("Clear: a false positive").ClickAsync();
        await Assertions.Expect(decide.Dialog.GetByRole(AriaRole.Button, new() { Name = "Clear check" })).ToBeDisabledAsync();
        await decide.Dialog.GetByLabel("Why it is a false positive").FillAsync("Sisters: the partner reused the older sister's ID by mistake; Nadine's passport shows DZ-770011 is not hers.");
        await decide.ScreenshotDialogAsync("dialog-resolve-check");
        await decide.ConfirmAsync("Clear check");
        await Assertions.Expect(check.GetByTestId("verdict")).ToContainTextAsync("Cleared by Rui Reviewer");

        // Approving over a cleared failed check needs four eyes: the approval is staged, not applied.
        await decide.OpenAsync("Approve");
        await Assertions.Expect(decide.Dialog.GetByTestId("second-review-notice")).ToContainTextAsync("needs a second reviewer");
        await decide.ConfirmAsync("Stage approval");
        var staged = page.GetByTestId("staged-decision");
        await Assertions.Expect(staged).ToContainTextAsync("approval staged by Rui Reviewer");
        await Assertions.Expect(staged.GetByTestId("why-not-confirm")).ToContainTextAsync("another reviewer must confirm it");
        await Assertions.Expect(page.GetByTestId("confirm-staged")).ToHaveCountAsync(0);
        await Assertions.Expect(decide.Status).ToHaveTextAsync("Pending");
        await new ShellPage(page).ScreenshotAsync("four-eyes-staged");

        // A second reviewer finds it in "Awaiting second review" and confirms it: applied as the two of them.
        var checker = await SignedInAsync(OpsAppFactory.SecondReviewer);
        var queue = new QueuePage(checker);
        await queue.OpenAsync("?view=second-review");
        await Assertions.Expect(queue.Rows.Filter(new() { HasText = "Nadine Haddad" })).ToContainTextAsync("Awaiting second review");
        await new ShellPage(checker).ScreenshotAsync("four-eyes-queue");
        await queue.Rows.Filter(new() { HasText = "Nadine Haddad" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await new CustomerPage(checker).WaitAsync();
        await checker.GetByTestId("confirm-staged").ClickAsync();
        await checker.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(new DecisionControls(checker).Status).ToHaveTextAsync("Active");
        await new CustomerPage(checker).OpenTabAsync("History");
        var approved = checker.Locator("[data-action=approved]");
        await Assertions.Expect(approved).ToContainTextAsync("Rhea Reviewer");
        await Assertions.Expect(approved.GetByTestId("four-eyes")).ToContainTextAsync("staged by Rui Reviewer");
        await Assertions.Expect(checker.Locator("[data-action=check_cleared]")).ToContainTextAsync("Sisters");
    }

    [Fact]
    public async Task FinalRejection_SentBackByASecondReviewer_ReachesItsMakerAsANotice()
    {
        var customer = await SavedAsync(PartnerVerified(A.Person("Greta", "Lindqvist")));
        var page = await SignedInAsync(OpsAppFactory.Reviewer);
        await OpenCustomerAsync(page, customer.Id);
        var decide = new DecisionControls(page);
        await decide.OpenAsync("Reject");
        await decide.AddReasonAsync("suspected_fraud");
        // The reason is final by default: the dialog asks to confirm that, and says who else must agree.
        await decide.Dialog.GetByLabel("Message to the customer").FillAsync("We cannot offer you an account.");
        await decide.Dialog.GetByLabel("I confirm this rejection is final").CheckAsync();
        await Assertions.Expect(decide.Dialog.GetByTestId("second-review-notice")).ToContainTextAsync("a final rejection of a customer");
        await decide.ScreenshotDialogAsync("dialog-stage-final-rejection");
        await decide.ConfirmAsync("Stage rejection");
        await Assertions.Expect(page.GetByTestId("staged-decision")).ToContainTextAsync("final rejection staged by Rui Reviewer");
        await Assertions.Expect(page.Locator("[data-decision=Reject]")).ToHaveCountAsync(0);

        // The second reviewer disagrees and sends it back with a note: nothing is applied.
        var checker = await SignedInAsync(OpsAppFactory.SecondReviewer);
        await OpenCustomerAsync(checker, customer.Id);
        await checker.GetByTestId("send-back-staged").ClickAsync();
        await checker.GetByRole(AriaRole.Dialog).GetByLabel("Note").FillAsync("The passport looks genuine; ask for a selfie instead.");
        await checker.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Send back" }).ClickAsync();
        await Assertions.Expect(checker.GetByTestId("staged-decision")).ToHaveCountAsync(0);
        await Assertions.Expect(new DecisionControls(checker).Status).ToHaveTextAsync("Pending");

        // The maker is told on their overview, with a link back to the customer.
        await page.GotoAsync("/");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        var notice = page.GetByTestId("staff-notice").Filter(new() { HasText = "Greta Lindqvist" });
        await Assertions.Expect(notice).ToContainTextAsync("Rhea Reviewer sent back your final rejection of Greta Lindqvist: The passport looks genuine");
        await new ShellPage(page).ScreenshotAsync("four-eyes-notice");
        await notice.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Assertions.Expect(notice).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AdvancedCustomerOverTheApi_WithDocumentsAndQuestionnaire_IsApproved_AndGetsAVirtualAccount()
    {
        var partner = await PartnerAsync("lumen-wallet");
        var person = A.Person("Tariq", "Benali") with { NationalId = "MA-55120", Nationality = "MA" };
        var created = await partner.CreateCustomerAsync(new
        {
            type = "individual", level = "advanced", verificationModel = "partner_verified", livenessCompleted = true,
            individualData = new
            {
                firstName = "Tariq", lastName = "Benali", birthDate = "1987-09-14", nationality = "MA", email = "tariq.benali@example.ma",
                phone = "+212612345678", nationalId = "MA-55120",
                address = new { line1 = "12 Rue Ibn Batouta", city = "Rabat", postalCode = "10000", countryCode = "MA" },
            },
        });
        var id = created.GetProperty("id").GetString()!;
        var issued = DateTime.UtcNow.AddDays(-12).ToString("yyyy-MM-dd");
        Assert.Equal(200, (await partner.SendDocumentAsync(id, Specimen.Of(A.Passport(), person, null), "passport.png",
            ("type", "passport"), ("issuingCountry", "MA"), ("expiresOn", "2032-04-30"))).Status);
        Assert.Equal(200, (await partner.SendDocumentAsync(id, Specimen.Of(A.ProofOfAddress(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-12))), person, null),
            "bill.png", ("type", "proofOfAddress"), ("issuingCountry", "MA"), ("issuedOn", issued))).Status);
        Assert.Equal(200, (await partner.AnswerSourceOfFundsAsync(id, new
        {
            occupation = "Civil engineer", employmentStatus = "employed", sourceOfFunds = "salary",
            expectedMonthlyVolume = "1000_to_10000", purpose = "Receiving salary in EUR and paying rent",
        })).Status);

        // The reviewer sees the answers, accepts both documents and approves.
        var reviewer = await SignedInAsync(OpsAppFactory.Reviewer);
        var record = await OpenCustomerAsync(reviewer, id);
        await Assertions.Expect(reviewer.GetByTestId("source-of-funds")).ToContainTextAsync("Civil engineer");
        await record.OpenTabAsync("Documents");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Accept passport" }).ClickAsync();
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Accept proof of address" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByTestId("documents").Locator(".mud-chip", new() { HasText = "Accepted" })).ToHaveCountAsync(2);
        var decide = new DecisionControls(reviewer);
        await decide.OpenAsync("Approve");
        await decide.ConfirmAsync("Approve");
        await Assertions.Expect(decide.Status).ToHaveTextAsync("Active");

        // The partner asks for a virtual account; the product approver grants it with the answers in view.
        var requested = await partner.RequestAccessAsync(id, new { accessType = "virtual-account", currency = "EUR" });
        Assert.Equal(201, requested.Status);
        var approver = await SignedInAsync(OpsAppFactory.ProductApprover);
        await approver.GotoAsync("/access-requests?q=Tariq");
        await new ShellPage(approver).WaitUntilInteractiveAsync();
        await approver.Locator("tbody tr.mud-table-row").First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(approver.GetByTestId("source-of-funds")).ToContainTextAsync("Receiving salary in EUR and paying rent");
        await new ShellPage(approver).ScreenshotAsync("review-loop-virtual-account");
        await approver.GetByRole(AriaRole.Button, new() { Name = "Grant" }).ClickAsync();
        await approver.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Stage grant", Exact = true }).ClickAsync();
        await Assertions.Expect(approver.GetByTestId("staged-decision")).ToContainTextAsync("grant staged by Pablo Approver");
        await Assertions.Expect(approver.GetByTestId("request-status")).ToHaveTextAsync("Requested");

        // A virtual account needs four eyes: a second approver confirms from "Awaiting second review".
        var checker = await SignedInAsync(OpsAppFactory.SecondApprover);
        await checker.GotoAsync("/access-requests?view=secondreview&q=Tariq");
        await new ShellPage(checker).WaitUntilInteractiveAsync();
        await checker.Locator("tbody tr.mud-table-row").First.GetByRole(AriaRole.Link).First.ClickAsync();
        await checker.GetByTestId("confirm-staged").ClickAsync();
        await checker.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(checker.GetByTestId("request-status")).ToHaveTextAsync("Granted");
    }

    [Fact]
    public async Task ChecklistItemForTheName_IsNotClosedByAPhoneOnlyReply()
    {
        var customer = await SavedAsync(PartnerVerified(A.Person("Ilse", "Vermeulen")));
        var page = await SignedInAsync(OpsAppFactory.Reviewer);
        var record = await OpenCustomerAsync(page, customer.Id);
        var decide = new DecisionControls(page);
        await decide.RequestInformationAsync("Legal name", "Send the full legal name exactly as on the passport.", "Please confirm your full legal name.");

        // The partner replies with a new phone only: the name is still asked for.
        var partner = await PartnerAsync("lumen-wallet");
        var reply = await partner.ChangeCustomerAsync(customer.Id.ToString(), new { individualData = new { phone = "+31612345678" } });
        Assert.Contains("Still needed: Legal name", await reply.TextAsync());
        await page.ReloadAsync();
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await record.WaitAsync();
        await Assertions.Expect(decide.Status).ToHaveTextAsync("Needs information");
        await Assertions.Expect(record.Blockers).ToContainTextAsync("Legal name");
        await record.OpenTabAsync("History");
        await Assertions.Expect(page.Locator("[data-action=information_provided]").First).ToContainTextAsync("Legal name");
        await new ShellPage(page).ScreenshotAsync("review-loop-checklist-still-open");
    }

    [Fact]
    public async Task UpdateDeclined_KeepsTheVerifiedData_AndTheCustomerActive()
    {
        var customer = PartnerVerified(A.Person("Joaquín", "Serrano"));
        customer.Approve(A.Reviewer, DateTimeOffset.UtcNow.AddHours(-1), A.Policy);
        await SavedAsync(customer);
        var partner = await PartnerAsync("lumen-wallet");
        Assert.Equal(200, (await partner.ChangeCustomerAsync(customer.Id.ToString(), new { individualData = new { lastName = "Serrano Typo" } })).Status);

        var page = await SignedInAsync(OpsAppFactory.Reviewer);
        var record = await OpenCustomerAsync(page, customer.Id);
        var decide = new DecisionControls(page);
        await Assertions.Expect(page.GetByTestId("update-under-review")).ToContainTextAsync("Serrano Typo");
        await Assertions.Expect(record.Name).ToContainTextAsync("Joaquín Serrano");
        await decide.OpenAsync("DeclineUpdate");
        await decide.AddReasonAsync("name_mismatch");
        await decide.Dialog.GetByLabel("Message to the customer").FillAsync("The new name does not match your identity document; your account is unchanged.");
        await decide.ScreenshotDialogAsync("dialog-decline-update");
        await decide.ConfirmAsync("Decline update");

        await Assertions.Expect(decide.Status).ToHaveTextAsync("Active");
        await Assertions.Expect(page.GetByTestId("update-under-review")).ToHaveCountAsync(0);
        await Assertions.Expect(record.Name).ToHaveTextAsync("Joaquín Serrano");
        await record.OpenTabAsync("History");
        await Assertions.Expect(page.Locator("[data-action=update_declined]")).ToContainTextAsync("name_mismatch");
        await new ShellPage(page).ScreenshotAsync("review-loop-update-declined");
    }

    [Fact]
    public async Task EndUser_AnswersTheQuestionnaireAReviewerAskedFor_InTheHostedFlow()
    {
        var hosted = A.HostedWithData();
        hosted.RequestInformation(A.Reviewer, DateTimeOffset.UtcNow.AddHours(-1),
            [new(Domain.Requirements.RequirementCode.SourceOfFunds, "Tell us where the money in the account comes from.")], "One more step.");
        var token = hosted.IssueVerificationLink(A.Partner, DateTimeOffset.UtcNow, TimeSpan.FromDays(14));
        await SavedAsync(hosted);

        var phone = await browser.NewPhonePageAsync();
        await phone.GotoAsync($"/verify/{token}");
        await phone.Locator("[data-testid=hosted-progress][data-ready=true]").WaitForAsync();
        await Assertions.Expect(phone.GetByTestId("hosted-progress")).ToContainTextAsync("Step 1 of 1: Source of funds");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("Enter your occupation.")).ToBeVisibleAsync();
        await phone.GetByLabel("Occupation").FillAsync("Nurse");
        foreach (var (label, choice) in new[] { ("Employment status", "Employed"), ("Where the money comes from", "Salary"),
                     ("Expected monthly amount", "Under 1,000 USD") })
        {
            await phone.GetByLabel(label).ClickAsync();
            await MudLists.PickAsync(phone, choice);
        }
        await phone.GetByLabel("What you will use the account for").FillAsync("Salary and everyday payments");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "hosted-source-of-funds.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("hosted-done")).ToHaveAttributeAsync("data-status", "pending");

        var reviewer = await SignedInAsync(OpsAppFactory.Reviewer);
        await OpenCustomerAsync(reviewer, hosted.Id);
        await Assertions.Expect(reviewer.GetByTestId("source-of-funds")).ToContainTextAsync("(end user)");
        await Assertions.Expect(reviewer.GetByTestId("source-of-funds")).ToContainTextAsync("Nurse");
    }
}
