using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.ReasonCodes;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Components.Decisions;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The decision dialogs, shown through MudBlazor's dialog service as the page shows them.</summary>
public sealed class DecisionDialogTests : OpsComponentTest
{
    private async Task<IRenderedComponent<MudDialogProvider>> ShowAsync<TDialog>(DialogParameters? parameters = null) where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var provider = Context.Render<MudDialogProvider>();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>("Dialog", parameters ?? []));
        return provider;
    }

    /// <summary>Picks a reason in the searchable list, as a click on one of its suggestions does.</summary>
    private static Task ChooseAsync(IRenderedComponent<MudDialogProvider> provider, string code) =>
        provider.InvokeAsync(() => provider.FindComponent<MudAutocomplete<ReasonCode>>().Instance.ValueChanged.InvokeAsync(ReasonCatalogue.Find(code)));

    private static string? Message(IRenderedComponent<MudDialogProvider> provider) =>
        provider.FindComponents<MudTextField<string>>().Single(t => t.Instance.Label == "Message to the customer").Instance.GetState(x => x.Value);

    private static bool Disabled(IRenderedComponent<MudDialogProvider> provider, string button) =>
        provider.FindAll("button").Single(b => b.TextContent.Trim() == button).HasAttribute("disabled");

    [Fact]
    public async Task SaveView_NeedsAName_AndReturnsItTrimmedWithTheSharing()
    {
        var provider = Context.Render<MudDialogProvider>();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await dialogs.ShowAsync<Components.Customers.SaveViewDialog>("Save view"));
        Assert.True(Disabled(provider, "Save view"));

        provider.Find("input[data-testid=view-name]").Input("  Overdue companies ");
        provider.Find("input[type=checkbox]").Change(true);
        Assert.False(Disabled(provider, "Save view"));
        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Save view").Click();

        var result = await dialog!.Result;
        Assert.Equal(new Components.Customers.SaveViewDialog.Input("Overdue companies", Shared: true), result!.Data);
    }

    [Fact]
    public async Task Reject_FinalCode_PrefillsFinalAndMessage_AndNeedsExplicitConfirmation()
    {
        var provider = await ShowAsync<RejectDialog>();
        Assert.True(Disabled(provider, "Reject"));

        await ChooseAsync(provider, "underage");

        Assert.Equal("You must be at least 18 years old to use this service.", Message(provider));
        Assert.Contains("Final: the customer cannot resubmit", provider.Markup);
        Assert.True(Disabled(provider, "Reject"));
        provider.FindAll("input[type=checkbox]").Last().Change(true); // the switch comes first, the confirmation last
        Assert.False(Disabled(provider, "Reject"));
    }

    [Fact]
    public async Task Reject_RetryableCodes_JoinTheirMessagesAndStayRetryable()
    {
        var provider = await ShowAsync<RejectDialog>();

        await ChooseAsync(provider, "name_mismatch");
        await ChooseAsync(provider, "document_unreadable");

        Assert.Contains("Retryable: the customer may correct and resubmit", provider.Markup);
        Assert.Equal(ReasonCatalogue.Find("name_mismatch")!.CustomerMessage + " " + ReasonCatalogue.Find("document_unreadable")!.CustomerMessage,
            Message(provider));
        Assert.False(Disabled(provider, "Reject"));
        Assert.Equal(2, provider.FindAll("[data-testid=chosen-reasons] .mud-chip").Count);
    }

    [Fact]
    public async Task RequestInformation_PrefillsTheFailingRequirements_AndRefusesAnEmptyInstruction()
    {
        var requirements = new List<RequirementResult>
        {
            new(RequirementCode.Phone, RequirementState.Missing, "phone is missing"),
            new(RequirementCode.IdentityDocument, RequirementState.Failed, "the passport expired on 2026-03-01"),
            new(RequirementCode.Email, RequirementState.Satisfied, Evidence: "a@b.c"),
        };
        var provider = await ShowAsync<RequestInformationDialog>(new DialogParameters<RequestInformationDialog> { { d => d.Requirements, requirements } });

        Assert.Equal(2, provider.FindAll("[data-testid=checklist-item]").Count);
        Assert.Contains("The passport expired on 2026-03-01.", provider.Markup);
        Assert.Contains("please provide: phone, identity document.", provider.Markup);
        Assert.False(Disabled(provider, "Request information"));

        provider.FindAll("[data-testid=checklist-item] input").First(i => i.GetAttribute("value") == "Phone is missing.").Input("");
        Assert.True(Disabled(provider, "Request information"));
    }

    [Fact]
    public async Task Hold_NeedsAReason()
    {
        var provider = await ShowAsync<HoldDialog>(new DialogParameters<HoldDialog> { { d => d.Now, A.T0 } });

        Assert.True(Disabled(provider, "Put on hold"));
        provider.Find("input").Input("Sanctions screening");
        Assert.False(Disabled(provider, "Put on hold"));
    }

    [Fact]
    public async Task Note_IsRequired()
    {
        var provider = await ShowAsync<TextDialog>(new DialogParameters<TextDialog> { { d => d.Confirm, "Add note" } });

        Assert.True(Disabled(provider, "Add note"));
        provider.Find("textarea").Input("Partner called.");
        Assert.False(Disabled(provider, "Add note"));
    }

    [Fact]
    public async Task DeclineUpdate_HasNoFinalSwitch_AndSaysTheVerifiedDataStays()
    {
        var provider = await ShowAsync<RejectDialog>(new DialogParameters<RejectDialog> { { d => d.Decline, true } });

        await ChooseAsync(provider, "name_mismatch");

        Assert.Contains("The verified data stays", provider.Markup);
        Assert.Empty(provider.FindAll("[data-testid=final]"));
        Assert.False(Disabled(provider, "Decline update"));
    }

    [Fact]
    public async Task Reject_AfterAConfirmedCheck_OpensWithItsReasonChosen()
    {
        var provider = await ShowAsync<RejectDialog>(new DialogParameters<RejectDialog> { { d => d.Preselected, ["duplicate_customer"] } });

        Assert.Equal(["duplicate_customer"], provider.FindAll("[data-testid=chosen-reasons] .mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Equal(ReasonCatalogue.Find("duplicate_customer")!.CustomerMessage, Message(provider));
    }

    [Fact]
    public async Task ResolveCheck_ClearingNeedsANote_ConfirmingNamesTheReasonCode()
    {
        var check = new CheckResult { Code = "duplicate_customer", Outcome = CheckOutcome.Fail, Detail = "Same national ID as Camila R." };
        var provider = await ShowAsync<ResolveCheckDialog>(new DialogParameters<ResolveCheckDialog> { { d => d.Check, check } });

        Assert.Contains("Same national ID as Camila R.", provider.Markup);
        Assert.Contains("reject (duplicate_customer)", provider.Markup);
        Assert.True(Disabled(provider, "Clear check"));
        provider.FindAll("input[type=radio]")[0].Click();
        Assert.Contains("needs a note", provider.Markup);
        Assert.True(Disabled(provider, "Clear check"));
        provider.Find("textarea").Input("Twins: different birth dates and first names.");
        Assert.False(Disabled(provider, "Clear check"));

        provider.FindAll("input[type=radio]")[1].Click();
        Assert.False(Disabled(provider, "Confirm and reject"));
    }
}
