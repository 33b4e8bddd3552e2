using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Onboarding.Ops.E2E;

/// <summary>The customer queue, one method per thing a reviewer or support agent does there.</summary>
public sealed partial class QueuePage(IPage page)
{
    public async Task OpenAsync(string query = "")
    {
        await page.GotoAsync("/customers" + query);
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await WaitForRowsAsync();
    }

    public ILocator Grid => page.GetByRole(AriaRole.Table);

    public ILocator Rows => Grid.Locator("tbody tr.mud-table-row");

    public async Task WaitForRowsAsync() =>
        await page.Locator("tbody tr.mud-table-row, [data-testid=queue-empty]").First.WaitForAsync();

    public async Task ChooseViewAsync(string view) =>
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Queue views" })
            .GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{Regex.Escape(view)}") }).ClickAsync();

    public async Task ChooseAsync(string filter, string option) =>
        await page.GetByLabel(filter, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = option });

    public async Task SearchAsync(string text)
    {
        await page.GetByLabel("Search").FillAsync(text);
        // Blazor navigates in the page (history.pushState): poll the URL rather than wait for a load.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("q="));
        await WaitForRowsAsync();
    }

    public async Task<CustomerPage> OpenRowAsync(int index)
    {
        await Rows.Nth(index).Locator("a").First.ClickAsync();
        var customer = new CustomerPage(page);
        await customer.WaitAsync();
        return customer;
    }

    public async Task<IReadOnlyList<string>> ColumnAsync(int column) =>
        await Rows.Locator($"td:nth-child({column})").AllInnerTextsAsync();
}

/// <summary>One customer: blockers first, then profile, documents, history, product access, audit.</summary>
public sealed class CustomerPage(IPage page)
{
    public async Task WaitAsync() => await page.GetByTestId("blockers").WaitForAsync();

    public ILocator Name => page.GetByTestId("customer-name");
    public ILocator Blockers => page.GetByTestId("blockers");
    public ILocator Actions => page.GetByTestId("actions");

    public async Task OpenTabAsync(string tab) => await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();

    public ILocator HistoryEntries => page.Locator("[data-testid=history] .ops-timeline-entry");

    public async Task BackAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
}

/// <summary>The reviewer's decision controls and dialogs on a customer page.</summary>
public sealed class DecisionControls(IPage page)
{
    public ILocator Buttons => page.Locator("[data-decision]");
    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);
    public ILocator Status => page.Locator(".ops-status-chip").First;

    public async Task OpenAsync(string decision) => await page.Locator($"[data-decision={decision}]").ClickAsync();

    public async Task NextCaseAsync()
    {
        var before = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Next case" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(before);
        await new CustomerPage(page).WaitAsync();
        // The page shows the new customer only once its header carries the id now in the URL.
        await Assertions.Expect(page.GetByTestId("customer-id")).ToHaveTextAsync(page.Url.Split('/').Last());
    }

    public async Task AddReasonAsync(string code)
    {
        await Dialog.GetByLabel("Add a reason code").FillAsync(code[..6]);
        await MudLists.PickAsync(page, code);
    }

    public async Task ConfirmAsync(string button) => await Dialog.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    /// <summary>Requests information with one checklist item (the first, whatever the dialog pre-filled) and a message.</summary>
    public async Task RequestInformationAsync(string item, string instruction, string message)
    {
        await OpenAsync("RequestInformation");
        if (await Dialog.GetByTestId("checklist-item").CountAsync() == 0)
        {
            await Dialog.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        }
        await Dialog.Locator("div.mud-select").First.ClickAsync();
        await MudLists.PickAsync(page, item);
        await Dialog.GetByLabel("Instruction").First.FillAsync(instruction);
        await Dialog.GetByLabel("Message to the customer").FillAsync(message);
        await ConfirmAsync("Request information");
        await Assertions.Expect(Status).ToHaveTextAsync("Needs information");
    }

    public async Task ScreenshotDialogAsync(string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, name + ".png") });
}
