using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Onboarding.Ops.Testing;

namespace Onboarding.Ops.E2E;

public sealed class DecisionJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Reviewer_NextCase_Reject_NextCase_RequestInformation_ThenFindsItWaitingOnTheCustomer()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        await new QueuePage(page).OpenAsync();
        var decide = new DecisionControls(page);

        await decide.NextCaseAsync();
        await Assertions.Expect(page.GetByTestId("assignee")).ToHaveTextAsync("Assigned to Rui Reviewer");
        await decide.OpenAsync("Reject");
        await decide.AddReasonAsync("name_mismatch");
        await Assertions.Expect(decide.Dialog.GetByLabel("Message to the customer"))
            .ToHaveValueAsync(new Regex("does not match the name you gave"));
        await decide.ScreenshotDialogAsync("dialog-reject");
        await decide.ConfirmAsync("Reject");
        await Assertions.Expect(decide.Status).ToHaveTextAsync("Rejected");

        await decide.NextCaseAsync();
        var name = await new CustomerPage(page).Name.InnerTextAsync();
        await decide.OpenAsync("RequestInformation");
        if (await decide.Dialog.GetByTestId("checklist-item").CountAsync() == 0)
        {
            await decide.Dialog.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        }
        await decide.Dialog.GetByLabel("Instruction").First.FillAsync("Send a sharper photo of your document, all four corners visible.");
        await decide.Dialog.GetByLabel("Message to the customer").FillAsync("We need a little more information to finish verifying you.");
        await decide.ScreenshotDialogAsync("dialog-request-information");
        await decide.ConfirmAsync("Request information");
        await Assertions.Expect(decide.Status).ToHaveTextAsync("Needs information");

        var queue = new QueuePage(page);
        await queue.OpenAsync("?view=waiting-on-customer");
        await queue.SearchAsync(name);
        await Assertions.Expect(queue.Rows.First).ToContainTextAsync("Needs");
        await new ShellPage(page).ScreenshotAsync("queue-after-request");
    }

    [Fact]
    public async Task Reviewer_HoldsAndReleasesACustomer()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        await new QueuePage(page).OpenAsync();
        var decide = new DecisionControls(page);
        await decide.NextCaseAsync();

        await decide.OpenAsync("Hold");
        await decide.Dialog.GetByLabel("Reason").FillAsync("Waiting for the sanctions screening provider.");
        await decide.ScreenshotDialogAsync("dialog-hold");
        await decide.ConfirmAsync("Put on hold");
        await Assertions.Expect(decide.Status).ToHaveTextAsync("On hold");

        await decide.OpenAsync("Release");
        await decide.Dialog.GetByLabel("Release note").FillAsync("Screening came back clear.");
        await decide.ScreenshotDialogAsync("dialog-release");
        await decide.ConfirmAsync("Release");
        await Assertions.Expect(decide.Status).Not.ToHaveTextAsync("On hold");
        await new ShellPage(page).ScreenshotAsync("customer-after-release");
    }

    [Fact]
    public async Task Support_AddsANote_ButSeesNoDecisionButtons()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Support, OpsAppFactory.DemoPassword);
        var queue = new QueuePage(page);
        await queue.OpenAsync("?view=all");
        var customer = await queue.OpenRowAsync(0);
        var decide = new DecisionControls(page);

        await Assertions.Expect(decide.Buttons).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next case" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await decide.Dialog.GetByLabel("Note").FillAsync("Partner called: end user abroad until Monday.");
        await decide.ScreenshotDialogAsync("dialog-note");
        await decide.ConfirmAsync("Add note");

        await customer.OpenTabAsync("History");
        await Assertions.Expect(page.Locator("[data-action=note_added]").First).ToContainTextAsync("Partner called: end user abroad until Monday.");
    }

    [Fact]
    public async Task TwoPeopleOnOneCustomer_SeeEachOther_AndTheOtherIsToldOfTheChange()
    {
        var reviewerPage = await browser.NewPageAsync();
        await new LoginPage(reviewerPage).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        await new QueuePage(reviewerPage).OpenAsync();
        await new DecisionControls(reviewerPage).NextCaseAsync();
        var customerUrl = reviewerPage.Url;

        var adminPage = await browser.NewPageAsync();
        await new LoginPage(adminPage).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        await adminPage.GotoAsync(customerUrl);
        await new CustomerPage(adminPage).WaitAsync();
        await new ShellPage(adminPage).WaitUntilInteractiveAsync();

        await Assertions.Expect(adminPage.GetByTestId("also-viewing")).ToContainTextAsync("Rui Reviewer");
        await Assertions.Expect(reviewerPage.GetByTestId("also-viewing")).ToContainTextAsync("Ada Admin");

        var reviewer = new DecisionControls(reviewerPage);
        await reviewer.OpenAsync("Hold");
        await reviewer.Dialog.GetByLabel("Reason").FillAsync("Adverse media check.");
        await reviewer.ConfirmAsync("Put on hold");

        await Assertions.Expect(adminPage.GetByTestId("changed-elsewhere")).ToContainTextAsync("Rui Reviewer changed this customer");
        await new ShellPage(adminPage).ScreenshotAsync("customer-changed-elsewhere");
        await adminPage.GetByTestId("changed-elsewhere").GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();
        await Assertions.Expect(new DecisionControls(adminPage).Status).ToHaveTextAsync("On hold");
    }

    [Fact]
    public async Task Reviewer_AssignsACustomerToThemselvesFromTheQueue()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        var queue = new QueuePage(page);
        await queue.OpenAsync("?view=waiting-on-customer&assigned=none");
        var name = (await queue.Rows.First.Locator("td").First.Locator("a").InnerTextAsync()).Trim();

        await queue.Rows.First.GetByRole(AriaRole.Button, new() { Name = $"Assign {name} to me" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Assigned to you.")).ToBeVisibleAsync();
        await queue.OpenAsync("?view=waiting-on-customer&assigned=me");
        await Assertions.Expect(queue.Rows.Filter(new() { HasText = name }).First).ToContainTextAsync("Rui Reviewer");
        await new ShellPage(page).ScreenshotAsync("queue-assigned-to-me");
    }
}
