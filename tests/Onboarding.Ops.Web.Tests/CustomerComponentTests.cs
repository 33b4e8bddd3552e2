using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Components.Customers;
using Onboarding.Ops.Web.Components.Shared;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;
using QueuePage = Onboarding.Ops.Web.Components.Pages.Customers.Index;

namespace Onboarding.Ops.Web.Tests;

public sealed class CustomerComponentTests : OpsComponentTest
{
    private static readonly DateTimeOffset Now = A.T0.AddHours(30);

    // The components as a reviewer sees them (the page cascades each viewer's own mask: PersonalDataTests, PersonalDataJourneyTests).
    public CustomerComponentTests() => Context.Services.AddCascadingValue(_ => PersonalDataMask.Nothing);

    /// <summary>A customer and its requests that produce the named blocker kind.</summary>
    private static (Customer, AccessRequest[]) Scenario(string code)
    {
        switch (code)
        {
            case "awaiting_submission": return (A.HostedEmpty(), []);
            case "under_review": return (A.Approvable(), []);
            case "document_awaiting_review": return (A.Pending(), []);
            case "checklist_item_outstanding": return (A.InStatus(CustomerStatus.NeedsInformation), []);
            case "rejected_retryable": return (A.InStatus(CustomerStatus.Rejected), []);
            case "update_under_review": return (A.InStatus(CustomerStatus.UpdateRequested), []);
            case "on_hold": return (A.InStatus(CustomerStatus.OnHold), []);
            case "rejected_final":
                var final = A.Approvable();
                final.Reject(A.Reviewer, A.T0.AddHours(3), ["sanctions_match"], true, "We are unable to offer you this service.", null);
                return (final, []);
            case "check_failed":
                var flagged = A.Approvable();
                flagged.RecordChecks(Actor.System, A.T0.AddHours(1), [new CheckResult { Code = "duplicate_national_id", Outcome = CheckOutcome.Fail, Detail = "Same ID as another customer." }]);
                return (flagged, []);
            case "identity_document_failed":
                return (A.Active(), []);
            case "access_awaiting_decision":
                var ready = A.Active();
                return (ready, [A.CardRequest(ready)]);
            case "access_blocked_requirement":
                var basic = A.Active();
                return (basic, [AccessRequest.Request(A.Partner, A.T0.AddHours(5), basic, new ProductChoice(Product.VirtualAccount, Currency: "EUR"), []).Created!]);
            case "access_blocked_customer_not_active":
                var granted = A.Active();
                var request = A.CardRequest(granted);
                granted.PutOnHold(A.Reviewer, A.T0.AddHours(6), "Chargeback", null);
                return (granted, [request]);
            default: throw new ArgumentOutOfRangeException(nameof(code));
        }
    }

    [Theory]
    [InlineData("awaiting_submission")]
    [InlineData("under_review")]
    [InlineData("document_awaiting_review")]
    [InlineData("checklist_item_outstanding")]
    [InlineData("rejected_retryable")]
    [InlineData("rejected_final")]
    [InlineData("update_under_review")]
    [InlineData("on_hold")]
    [InlineData("check_failed")]
    [InlineData("identity_document_failed")]
    [InlineData("access_awaiting_decision")]
    [InlineData("access_blocked_requirement")]
    [InlineData("access_blocked_customer_not_active")]
    public void BlockersPanel_EachKind_ShowsSentenceWhoAndNextStep(string code)
    {
        var (customer, requests) = Scenario(code);
        var at = code == "identity_document_failed" ? new DateTimeOffset(2031, 6, 1, 0, 0, 0, TimeSpan.Zero) : Now;
        var blockers = BlockerEngine.For(customer, requests, A.Policy, SlaTargets.Default, at);
        var blocker = blockers.First(b => b.Code == code);

        var panel = Context.Render<BlockersPanel>(p => p
            .Add(x => x.Blockers, blockers).Add(x => x.Customer, customer).Add(x => x.Requests, requests).Add(x => x.Now, at));

        var shown = panel.Find($"[data-code={code}]");
        Assert.Contains(blocker.Sentence, shown.TextContent);
        Assert.Contains(blocker.NextStep, shown.TextContent);
        Assert.Contains(BlockersPanel.WhoLabel(blocker.Who), shown.TextContent);
        Assert.Equal(blocker.IsOverdue(at), shown.TextContent.Contains("Overdue"));
    }

    [Fact]
    public void BlockersPanel_NothingBlocks_SaysWhatTheCustomerCanUse()
    {
        var customer = A.Active();
        var card = A.CardRequest(customer);
        card.Grant(A.Approver, A.T0.AddHours(6), customer, A.Policy);

        var panel = Context.Render<BlockersPanel>(p => p
            .Add(x => x.Blockers, []).Add(x => x.Customer, customer).Add(x => x.Requests, [card]).Add(x => x.Now, Now));

        Assert.Equal("Nothing blocks this customer. Verified at level basic; can use card access (virtual USD Visa).",
            panel.Find("[data-testid=nothing-blocks] .mud-alert-message").TextContent.Trim());
    }

    /// <summary>Every kind of audit entry the domain writes, from one customer's life and its product requests.</summary>
    private static IReadOnlyList<AuditEntry> EveryKindOfEntry()
    {
        var entries = new List<AuditEntry>();
        var hosted = A.HostedEmpty();
        hosted.Submit(A.EndUser, A.T0.AddHours(1), new CustomerChanges(A.Person(), Documents: [A.Passport(), A.Selfie()]), A.Policy);
        entries.AddRange(hosted.TakeNewAuditEntries());

        var declined = A.Active();
        declined.RecordChecks(Actor.System, A.T0.AddHours(2), [new CheckResult { Code = "duplicate_email", Outcome = CheckOutcome.Fail, Detail = "Shared email." }]);
        declined.ResolveCheck(A.Reviewer, A.T0.AddHours(2), "duplicate_email", CheckVerdict.Confirmed, "The same person twice.");
        declined.AnswerSourceOfFunds(A.Partner, A.T0.AddHours(3), A.Questionnaire(), A.Policy);
        declined.AnswerSourceOfFunds(A.Partner, A.T0.AddHours(3), A.Questionnaire() with { Occupation = "Architect" }, A.Policy);
        declined.SubmitUpdate(A.Partner, A.T0.AddHours(4), new CustomerChanges(A.Person(last: "Other")));
        declined.DeclineUpdate(A.Reviewer, A.T0.AddHours(5), ["name_mismatch"], "The new name does not match the passport.", "Typo by the partner.");
        entries.AddRange(declined.TakeNewAuditEntries());

        var customer = A.Pending();
        customer.RecordChecks(Actor.System, A.T0, [new CheckResult { Code = "duplicate_national_id", Outcome = CheckOutcome.Fail, Detail = "Shared ID." }]);
        customer.ResolveCheck(A.Reviewer, A.T0.AddHours(1), "duplicate_national_id", CheckVerdict.Cleared, "Same person, second partner.");
        customer.RejectDocument(A.Reviewer, A.T0.AddHours(1), customer.Documents[0].Id, "document_unreadable");
        customer.RequestInformation(A.Reviewer, A.T0.AddHours(2), [new(RequirementCode.IdentityDocument, "Sharper photo.")], "Please resend.");
        customer.ProvideInformation(A.EndUser, A.T0.AddHours(3), new CustomerChanges(Documents: [A.Passport()]), A.Policy);
        customer.AcceptDocument(A.Reviewer, A.T0.AddHours(4), customer.Documents[1].Id);
        customer.Assign(A.Reviewer, A.T0.AddHours(4), "r-1", "Rui Reviewer");
        customer.Assign(A.Reviewer, A.T0.AddHours(4), null, null);
        customer.PutOnHold(A.Reviewer, A.T0.AddHours(5), "Screening", A.T0.AddHours(5).AddMinutes(30));
        customer.WakeUp(Actor.System, A.T0.AddHours(5).AddMinutes(31));
        customer.AddNote(A.Support, A.T0.AddHours(5).AddMinutes(40), "Partner called.");
        customer.PutOnHold(A.Reviewer, A.T0.AddHours(5).AddMinutes(45), "Screening", null);
        customer.Release(A.Reviewer, A.T0.AddHours(6), "Clear.");
        customer.Approve(A.Reviewer, A.T0.AddHours(7), A.Policy);
        customer.AnswerSourceOfFunds(A.Partner, A.T0.AddHours(8), A.Questionnaire(), A.Policy);
        customer.SubmitUpdate(A.Partner, A.T0.AddHours(9), new CustomerChanges(A.Person() with { Email = "new@example.co" }));
        customer.SubmitUpdate(A.Partner, A.T0.AddHours(10), new CustomerChanges(A.Person(last: "Vélez") with { Email = "new@example.co" }));
        customer.ApproveUpdate(A.Reviewer, A.T0.AddHours(11), A.Policy);
        var card = A.CardRequest(customer, A.T0.AddHours(12));
        card.Grant(A.Approver, A.T0.AddHours(13), customer, A.Policy);
        card.Revoke(A.Approver, A.T0.AddHours(14), ["suspected_fraud"], "Cancelled.", null);
        var other = AccessRequest.Request(A.Partner, A.T0.AddHours(15), customer, new ProductChoice(Product.Cards, "physical-eur-mastercard"), [card]).Created!;
        other.Reject(A.Approver, A.T0.AddHours(16), ["risk_policy"], null, null);
        customer.SubmitUpdate(A.Partner, A.T0.AddHours(17), new CustomerChanges(A.Person(last: "Vélez") with { Email = "new@example.co", Nationality = "ES" }));
        customer.Reject(A.Reviewer, A.T0.AddHours(18), ["name_mismatch"], false, "Name differs.", "Typo.");
        customer.Resubmit(A.Partner, A.T0.AddHours(19), new CustomerChanges(), A.Policy);
        entries.AddRange(customer.TakeNewAuditEntries());
        entries.AddRange(card.TakeNewAuditEntries());
        entries.AddRange(other.TakeNewAuditEntries());
        return entries;
    }

    public static TheoryData<string> EveryAction() => [.. EveryKindOfEntry().Select(e => e.Action).Distinct()];

    [Theory]
    [MemberData(nameof(EveryAction))]
    public void TimelineEntry_EachKind_HasItsOwnTitleAndShowsItsDetails(string action)
    {
        var entry = EveryKindOfEntry().Last(e => e.Action == action);

        var shown = Context.Render<TimelineEntry>(p => p.Add(x => x.Entry, entry));

        Assert.True(TimelineEntry.Titles.ContainsKey(action), $"No title for '{action}'.");
        Assert.Equal(TimelineEntry.Titles[action], shown.Find(".mud-typography-subtitle2").TextContent);
        Assert.Contains(entry.ActorName, shown.Markup);
        Assert.All(entry.ReasonCodes, code => Assert.Contains(code, shown.Markup));
        if (entry.Note is { } note)
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(note), shown.Markup);
        }
    }

    [Fact]
    public void TimelineEntry_EveryMomentInTheDetails_ReadsInTheViewersZone_WithNoRawValue()
    {
        // Every entry that carries a time in its details (a release carries heldSince, a wake-up too).
        var entries = EveryKindOfEntry().Where(e => e.Details?.Contains("T", StringComparison.Ordinal) == true
            && System.Text.RegularExpressions.Regex.IsMatch(e.Details, @"\d{4}-\d\d-\d\dT\d\d:")).ToList();
        Assert.NotEmpty(entries);
        var tokyo = ViewerZone.FromId("Asia/Tokyo");

        foreach (var entry in entries)
        {
            var shown = Context.Render<CascadingValue<ViewerZone>>(p => p.Add(x => x.Value, tokyo).Add(x => x.IsFixed, true)
                .AddChildContent<TimelineEntry>(e => e.Add(x => x.Entry, entry)));

            Assert.DoesNotMatch(@"\d{4}-\d\d-\d\dT\d\d:", shown.Markup.Replace("data-utc", ""));
            Assert.Contains("UTC+9", shown.Find(".ops-timeline-entry").TextContent);
        }
    }

    [Theory]
    [InlineData("Europe/Paris", "2026-07-01 14:30 UTC+2")]
    [InlineData("America/New_York", "2026-07-01 08:30 UTC-4")]
    [InlineData("Asia/Kolkata", "2026-07-01 18:00 UTC+5:30")]
    [InlineData("UTC", "2026-07-01 12:30 UTC")]
    [InlineData("Not/AZone", "2026-07-01 12:30 UTC")]
    [InlineData(null, "2026-07-01 12:30 UTC")]
    public void ViewerZone_ShowsTheTimeInTheBrowsersZone_OrUtc(string? zone, string expected) =>
        Assert.Equal(expected, ViewerZone.FromId(zone).Time(new DateTimeOffset(2026, 7, 1, 12, 30, 0, TimeSpan.Zero)));

    [Fact]
    public void ViewTabs_MarkTheActiveView_AndShowEachCountInsideItsLink()
    {
        var tabs = Context.Render<ViewTabs>(p => p.Add(x => x.Label, "Queue views").Add(x => x.Tabs,
            [new ViewTabs.ViewTab("a", "Needs review", "customers", true, "68"), new ViewTabs.ViewTab("b", "Waiting on customer", "customers?view=waiting", false, null)]));

        var links = tabs.FindAll("a");
        Assert.Equal(["Needs review", "Waiting on customer"], links.Select(l => l.QuerySelector("span")!.TextContent));
        Assert.Equal("68", links[0].QuerySelector(".ops-view-count")!.TextContent);
        Assert.Null(links[1].QuerySelector(".ops-view-count"));
        Assert.Equal("page", links[0].GetAttribute("aria-current"));
        Assert.Null(links[1].GetAttribute("aria-current"));
        Assert.Equal("customers?view=waiting", links[1].GetAttribute("href"));
    }

    [Fact]
    public void PanelTabs_ShowTheFirstTab_OpenTheOneClicked_AndShowEachCountBesideItsName()
    {
        var opened = new List<string>();
        var tabs = Context.Render<PanelTabs>(p => p.Add(x => x.Label, "Customer details")
            .Add(x => x.Tabs, [new PanelTab("Profile"), new PanelTab("Checks", 2, Alert: true), new PanelTab("History")])
            .Add(x => x.OnOpen, opened.Add)
            .Add(x => x.ChildContent, (RenderFragment<string>)(tab => b => b.AddMarkupContent(0, $"<p data-testid=shown>{tab}</p>"))));

        var buttons = tabs.FindAll("[role=tab]");
        Assert.Equal("Profile", tabs.Find("[data-testid=shown]").TextContent);
        Assert.Equal(["true", "false", "false"], buttons.Select(b => b.GetAttribute("aria-selected")));
        Assert.Equal("2", buttons[1].QuerySelector(".ops-tab-count-alert")!.TextContent);
        Assert.Null(buttons[2].QuerySelector(".ops-tab-count"));

        tabs.FindAll("[role=tab]")[2].Click();

        Assert.Equal("History", tabs.Find("[data-testid=shown]").TextContent);
        Assert.Equal(["false", "false", "true"], tabs.FindAll("[role=tab]").Select(b => b.GetAttribute("aria-selected")));
        Assert.Equal(tabs.FindAll("[role=tab]")[2].Id, tabs.Find("[role=tabpanel]").GetAttribute("aria-labelledby"));
        // The page is told, so a panel's data (the customer's trail) is read only when it is shown.
        Assert.Equal(["History"], opened);
    }

    [Fact]
    public void ActionsPanel_FoldsTheActionsOfOtherStatuses_AndRendersThemOnlyWhenOpened()
    {
        var panel = Context.Render<ActionsPanel>(p => p.Add(x => x.Status, CustomerStatus.Active).Add(x => x.Actions,
            [new ActionOption(CustomerAction.Hold, Party.Reviewer, true, null), new ActionOption(CustomerAction.Approve, Party.Reviewer, false, "Only a pending customer is approved")]));

        Assert.Equal(["Hold"], panel.FindAll("li").Select(li => li.GetAttribute("data-action")));
        var fold = panel.Find("button.ops-disclosure");
        Assert.Equal("false", fold.GetAttribute("aria-expanded"));
        Assert.Contains("Not possible in this status (1)", fold.TextContent);

        fold.Click();

        Assert.Equal("true", panel.Find("button.ops-disclosure").GetAttribute("aria-expanded"));
        Assert.Equal(["Hold", "Approve"], panel.FindAll("li").Select(li => li.GetAttribute("data-action")));
    }

    [Fact]
    public void ActionList_DrawsEachActionWithItsIcon_AndWhyNot_WithoutAComponentPerAction()
    {
        var list = Context.Render<ActionList>(p => p.Add(x => x.Options,
            [new ActionOption(CustomerAction.Approve, Party.Reviewer, false, "An identity document is missing"), new ActionOption(CustomerAction.Hold, Party.Reviewer, true, null)]));

        var items = list.FindAll("li");
        Assert.Equal(["Hold", "Approve"], items.Select(i => i.GetAttribute("data-action")));
        Assert.Contains("is possible", items[0].TextContent);
        Assert.Contains("An identity document is missing", items[1].TextContent);
        Assert.Equal(2, list.FindAll("svg").Count);
        Assert.Empty(list.FindComponents<MudBlazor.MudListItem<string>>());
    }

    [Theory]
    [InlineData(StaffRoles.ProductApprover, true)]
    [InlineData(StaffRoles.Admin, true)]
    [InlineData(StaffRoles.Reviewer, false)]
    [InlineData(StaffRoles.Support, false)]
    public void AccessPanel_LinksEachRequestToItsDecisionPage_ForThoseWhoDecide(string role, bool linked)
    {
        SignInAs(role);
        var customer = A.Active();
        var request = A.CardRequest(customer);

        var panel = Context.Render<AccessPanel>(p => p.Add(x => x.Requests, [request]).Add(x => x.Now, Now));

        Assert.Equal(linked, panel.FindAll($"a[href='access-requests/{request.Id}']").Count == 1);
        Assert.Contains("card", panel.Find("[data-testid=access-requests] td").TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void QueuePage_AViewWithNoCustomer_SaysEmptyOnceRead_AndNoLongerLoading()
    {
        using var app = new OpsAppFactory();
        app.CreateClient().Dispose();
        UseDatabaseOf(app);
        SignInAs(StaffRoles.Reviewer);
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("customers?view=all&q=nobody-has-this-name@example.invalid");

        // Before the read the grid says "Loading" (ReviewerDayJourneyTests watches the browser for a false "empty").
        var page = Context.Render<QueuePage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=queue-empty]")), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=queue-loading]"));
    }

    /// <summary>A pending customer whose national ID another customer already has.</summary>
    private static (Customer Mine, Customer Theirs) Duplicated()
    {
        var theirs = A.Active();
        var mine = A.Approvable();
        mine.RecordChecks(Actor.System, A.T0.AddHours(1), Domain.Checks.AutomatedChecks.Run(mine,
            [new Domain.Checks.DuplicateMatch(theirs.Id, theirs.Name, Domain.Checks.DuplicateKind.NationalId)],
            Domain.Checks.CheckSettings.Default, new DateOnly(2026, 11, 2)));
        return (mine, theirs);
    }

    [Fact]
    public void ChecksPanel_Duplicate_ShowsTheOtherCustomerSideBySide_AndResolveForAReviewer()
    {
        var (mine, theirs) = Duplicated();

        var panel = Context.Render<ChecksPanel>(p => p.Add(x => x.Customer, mine).Add(x => x.Related, [theirs]).Add(x => x.Actor, A.Reviewer));

        var compare = panel.Find("[data-check=duplicate_customer] [data-testid=duplicate-compare]");
        Assert.Equal($"customers/{theirs.Id}", compare.QuerySelector("th a")!.GetAttribute("href"));
        var nationalId = compare.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("National ID"));
        Assert.Contains("(same)", nationalId.QuerySelector("td.ops-match")!.TextContent);
        Assert.Single(panel.FindAll("button[aria-label='Resolve duplicate_customer']"));
    }

    [Fact]
    public void ChecksPanel_ForSupport_HasNoResolve_AndAResolvedCheckShowsItsVerdict()
    {
        var (mine, theirs) = Duplicated();

        var forSupport = Context.Render<ChecksPanel>(p => p.Add(x => x.Customer, mine).Add(x => x.Related, [theirs]).Add(x => x.Actor, A.Support));
        Assert.Empty(forSupport.FindAll("button[aria-label='Resolve duplicate_customer']"));

        mine.ResolveCheck(A.Reviewer, A.T0.AddHours(2), "duplicate_customer", CheckVerdict.Cleared, "Twins: other first name and birth date.");
        var resolved = Context.Render<ChecksPanel>(p => p.Add(x => x.Customer, mine).Add(x => x.Actor, A.Reviewer));
        Assert.Contains($"Cleared by {A.Reviewer.Name}", resolved.Find("[data-check=duplicate_customer] [data-testid=verdict]").TextContent);
        Assert.Contains("Twins: other first name and birth date.", resolved.Markup);
        Assert.Empty(resolved.FindAll("button[aria-label='Resolve duplicate_customer']"));
    }

    [Fact]
    public void ScreeningPanel_ShowsTheHitBesideTheCustomer_AndDecideOnlyForAReviewer()
    {
        var customer = A.Approvable();
        customer.RecordScreening(Domain.Actor.System, A.T0.AddHours(1), [A.Hit()], "Demo sanctions v1");

        var forReviewer = Context.Render<ScreeningPanel>(p => p.Add(x => x.Customer, customer).Add(x => x.Actor, A.Reviewer));

        var hit = forReviewer.Find("[data-hit=demo-p-9]");
        Assert.Contains("Fictional Sanctions Programme A", hit.TextContent);
        var compare = hit.QuerySelector("[data-testid=hit-compare]")!;
        var birth = compare.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Birth date"));
        Assert.Equal(["1991-04-17", "1963"], birth.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Single(forReviewer.FindAll("button[aria-label='Decide the hit on Camila Restrepo Vélez']"));
        var forSupport = Context.Render<ScreeningPanel>(p => p.Add(x => x.Customer, customer).Add(x => x.Actor, A.Support));
        Assert.Empty(forSupport.FindAll("button[aria-label='Decide the hit on Camila Restrepo Vélez']"));

        customer.DecideHit(A.Reviewer, A.T0.AddHours(2), A.Hit().Id, Domain.Screening.HitVerdict.FalsePositive, "Born 1991, listed 1963.");
        var decided = Context.Render<ScreeningPanel>(p => p.Add(x => x.Customer, customer).Add(x => x.Actor, A.Reviewer));
        Assert.Contains($"False positive by {A.Reviewer.Name}", decided.Find("[data-testid=hit-verdict]").TextContent);
        Assert.Empty(decided.FindAll("button[aria-label='Decide the hit on Camila Restrepo Vélez']"));
    }

    [Fact]
    public void ScreeningPanel_MasksTheCustomersBirthDate_ForSupport()
    {
        var customer = A.Approvable();
        customer.RecordScreening(Domain.Actor.System, A.T0.AddHours(1), [A.Hit()], "Demo sanctions v1");
        var mask = PersonalDataMask.For(PersonalDataMask.HiddenFrom(Identity.StaffRoles.Support), [customer]);

        var panel = Context.Render<CascadingValue<PersonalDataMask>>(p => p.Add(x => x.Value, mask)
            .AddChildContent<ScreeningPanel>(c => c.Add(x => x.Customer, customer).Add(x => x.Actor, A.Support)));

        Assert.DoesNotContain("1991-04-17", panel.Markup);
        Assert.DoesNotContain("1020304050", panel.Markup);
        Assert.Contains("Camila Restrepo Vélez", panel.Markup);
    }

    [Fact]
    public void SourceOfFundsFacts_ShowTheAnswersAndWhoGaveThem_OrThatThereAreNone()
    {
        var customer = A.Active();
        Assert.Contains("Questionnaire not answered.", Context.Render<SourceOfFundsFacts>(p => p.Add(x => x.Customer, customer)).Markup);

        customer.AnswerSourceOfFunds(A.Partner, A.T0.AddHours(3), A.Questionnaire(), A.Policy);
        var facts = Context.Render<SourceOfFundsFacts>(p => p.Add(x => x.Customer, customer)).Find("[data-testid=source-of-funds]");

        Assert.Contains($"Answered by {A.Partner.Name} (partner)", facts.TextContent);
        Assert.Contains("Logistics analyst", facts.TextContent);
        Assert.Contains("1,000 to 10,000 USD", facts.TextContent);
    }

    [Fact]
    public void ProfilePanel_Liveness_SaysWhatWasActuallyDone()
    {
        string Shown(Customer c) => Context.Render<ProfilePanel>(p => p.Add(x => x.Customer, c)).Find("[data-testid=liveness-evidence]").TextContent;
        var hosted = A.HostedWithData();
        var selfie = hosted.Documents.Single(d => d.Type == DocumentType.Selfie).Id;

        Assert.Equal($"Liveness: attested by the partner on {A.T0:yyyy-MM-dd}", Shown(A.Pending()));
        Assert.Contains("selfie received on", Shown(hosted));
        hosted.AcceptDocument(A.Reviewer, A.T0.AddHours(2), selfie);
        Assert.Equal($"Liveness: selfie reviewed by {A.Reviewer.Name} on {A.T0.AddHours(2):yyyy-MM-dd}", Shown(hosted));
        Assert.Equal("Liveness: no liveness evidence", Shown(A.HostedEmpty()));
    }

    [Fact]
    public void ProfilePanel_UpdateUnderReview_ShowsEachChangeOldAndNewAboveTheData()
    {
        var customer = A.InStatus(CustomerStatus.UpdateRequested);

        var panel = Context.Render<ProfilePanel>(p => p.Add(x => x.Customer, customer));

        var change = panel.Find("[data-testid=update-under-review] li");
        Assert.Equal(("Restrepo", "Restrepo Gómez"), (change.QuerySelector(".ops-old")!.TextContent, change.QuerySelector(".ops-new")!.TextContent));
        Assert.Empty(Context.Render<ProfilePanel>(p => p.Add(x => x.Customer, A.Active())).FindAll("[data-testid=update-under-review]"));
    }

    [Fact]
    public void TimelineEntry_Update_ShowsEachChangedFieldOldAndNew()
    {
        var entry = EveryKindOfEntry().Last(e => e.Action == "update_submitted");

        var shown = Context.Render<TimelineEntry>(p => p.Add(x => x.Entry, entry));

        var row = shown.FindAll("tbody tr").Single(r => r.TextContent.Contains("lastName"));
        Assert.Equal("Restrepo", row.QuerySelector(".ops-old")!.TextContent);
        Assert.Equal("Vélez", row.QuerySelector(".ops-new")!.TextContent);
    }

    [Fact]
    public async Task QueuePage_FromAUrl_ShowsThatViewFilterAndSort()
    {
        using var app = new OpsAppFactory();
        app.CreateClient().Dispose();
        UseDatabaseOf(app);
        SignInAs(StaffRoles.Reviewer);
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("customers?view=all&type=business&sort=name&desc=true");

        var page = Context.Render<QueuePage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.mud-table-row")), TimeSpan.FromSeconds(10));
        Assert.StartsWith("All", page.Find("[aria-label='Queue views'] [aria-current=page]").TextContent.Trim());
        var typeFilter = page.FindAll(".ops-field").Single(f => f.QuerySelector("label")!.TextContent == "Type");
        Assert.Equal("Business", typeFilter.QuerySelector("option[selected]")!.TextContent);
        var types = page.FindAll("tbody tr.mud-table-row td:nth-child(2)").Select(c => c.TextContent.Trim()).ToList();
        Assert.All(types, t => Assert.StartsWith("Business", t));
        var names = page.FindAll("tbody tr.mud-table-row td:nth-child(1) a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(names.OrderByDescending(n => n, StringComparer.OrdinalIgnoreCase), names);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        Assert.Equal(Math.Min(25, await db.Customers.CountAsync(c => c.Type == CustomerType.Business)), names.Count);
    }

    [Fact]
    public void RiskPanel_ShowsALevel_OnlyOnceTheCustomerIsAssessed()
    {
        var customer = A.HostedEmpty();

        var panel = Context.Render<RiskPanel>(p => p.Add(x => x.Customer, customer).Add(x => x.Now, Now));
        Assert.Contains("Not assessed yet", panel.Markup);
        Assert.DoesNotContain("score", panel.Markup); // no "Risk low, score 0" before any assessment

        customer.AssessRisk(Actor.System, Now, new Domain.Risk.RiskAssessment(Domain.Risk.RiskLevel.Low, 0, []));
        panel = Context.Render<RiskPanel>(p => p.Add(x => x.Customer, customer).Add(x => x.Now, Now));
        Assert.Contains("score 0", panel.Markup);
        Assert.Contains("No factor adds to the score.", panel.Markup);
    }

    [Theory]
    [InlineData("customers?view=all")]
    [InlineData("customers?view=rejected")]
    public async Task QueuePage_TornDown_NavigatesNowhere(string url)
    {
        using var app = new OpsAppFactory();
        app.CreateClient().Dispose();
        UseDatabaseOf(app);
        SignInAs(StaffRoles.Reviewer);
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var navigation = Context.Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        navigation.NavigateTo(url);
        var page = Context.Render<QueuePage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.mud-table-row")), TimeSpan.FromSeconds(10));
        var before = navigation.History.Count;

        // What a reload or a typed URL does to the circuit: every component is disposed.
        await Context.DisposeComponentsAsync();

        Assert.Equal(before, navigation.History.Count);
    }
}
