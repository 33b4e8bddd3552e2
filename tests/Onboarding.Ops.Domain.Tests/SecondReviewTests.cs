using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.FourEyes;

namespace Onboarding.Ops.Domain.Tests;

/// <summary>Four eyes: staging, confirming, sending back and dropping, each with its rules and its entry in the trail.</summary>
public sealed class SecondReviewTests
{
    private static readonly DateTimeOffset Now = A.T0.AddHours(10);
    private static readonly Actor Checker = Actor.Reviewer("staff-reviewer-2", "Rhea Reviewer");
    private static readonly Actor SecondApprover = Actor.ProductApprover("staff-approver-2", "Priya Approver");
    private static readonly SecondReviewRules All = SecondReviewRules.Default;

    private static Customer StagedFinalRejection()
    {
        var customer = A.Approvable();
        var effect = customer.Reject(A.Reviewer, Now, ["suspected_fraud"], final: true, "We cannot offer you an account.", "Forged utility bill.", All);
        Assert.Equal(DecisionEffect.Staged, effect);
        customer.TakeNewAuditEntries();
        return customer;
    }

    /// <summary>Pending with a failed duplicate check a reviewer cleared: approving it needs four eyes.</summary>
    private static Customer WithClearedDuplicate()
    {
        var customer = A.Approvable();
        var twin = new DuplicateMatch(Guid.NewGuid(), "Camila Restrepo", DuplicateKind.NationalId);
        customer.RecordChecks(Actor.System, A.T0.AddHours(1), AutomatedChecks.Run(customer, [twin], CheckSettings.Default, new DateOnly(2026, 11, 2)));
        customer.ResolveCheck(A.Reviewer, A.T0.AddHours(2), "duplicate_customer", CheckVerdict.Cleared, "Same person, second partner.");
        customer.TakeNewAuditEntries();
        return customer;
    }

    [Fact]
    public void FinalRejection_IsStagedNotApplied_AndWaitsInTheSecondReviewQueue()
    {
        var customer = A.Approvable();
        customer.TakeNewAuditEntries();

        var effect = customer.Reject(A.Reviewer, Now, ["suspected_fraud"], final: true, "We cannot offer you an account.", "Forged bill.", All);

        Assert.Equal(DecisionEffect.Staged, effect);
        Assert.Equal((CustomerStatus.Pending, WorkQueue.SecondReview, Now), (customer.Status, customer.Queue, customer.WaitingSince));
        Assert.Equal((StagedAction.Reject, true, SecondReviewRule.FinalRejection, A.Reviewer.Id), (customer.Staged!.Action, customer.Staged.Final, customer.Staged.Rule, customer.Staged.StagedById));
        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal(("decision_staged", (string?)"pending"), (entry.Action, entry.StatusAfter));
        Assert.Equal(["suspected_fraud"], entry.ReasonCodes);
        Assert.Contains("\"rule\":\"final_rejection\"", entry.Details);
        Assert.Empty(customer.TakeNewEvents());
        var blocker = BlockerEngine.For(customer, [], A.Policy, SlaTargets.Default, Now).First();
        Assert.Equal(("awaiting_second_review", WhoMustAct.Reviewer), (blocker.Code, blocker.Who));
    }

    [Fact]
    public void RetryableRejection_AndRulesOff_AreAppliedByOneReviewer()
    {
        var retryable = A.Approvable();
        Assert.Equal(DecisionEffect.Applied, retryable.Reject(A.Reviewer, Now, ["name_mismatch"], false, "The name differs.", null, All));
        Assert.Equal(CustomerStatus.Rejected, retryable.Status);

        var final = A.Approvable();
        Assert.Equal(DecisionEffect.Applied, final.Reject(A.Reviewer, Now, ["suspected_fraud"], true, "No.", null, SecondReviewRules.None));
        Assert.Equal(CustomerStatus.Rejected, final.Status);
    }

    [Fact]
    public void ApprovalWithAClearedFailedCheck_IsStaged_AndWithoutOne_IsApplied()
    {
        var cleared = WithClearedDuplicate();
        Assert.Equal(SecondReviewRule.ApprovalWithClearedCheck, cleared.AllowedActions(A.Reviewer, A.Policy, Now, All).Single(a => a.Action == CustomerAction.Approve).SecondReview);

        Assert.Equal(DecisionEffect.Staged, cleared.Approve(A.Reviewer, Now, A.Policy, "Checked with the partner.", All));
        Assert.Equal(CustomerStatus.Pending, cleared.Status);

        var plain = A.Approvable();
        Assert.Null(plain.AllowedActions(A.Reviewer, A.Policy, Now, All).Single(a => a.Action == CustomerAction.Approve).SecondReview);
        Assert.Equal(DecisionEffect.Applied, plain.Approve(A.Reviewer, Now, A.Policy, null, All));
        Assert.Equal(CustomerStatus.Active, plain.Status);
    }

    [Fact]
    public void Confirm_ByAnotherReviewer_AppliesTheDecision_InOneEntryNamingBoth()
    {
        var customer = StagedFinalRejection();

        customer.ConfirmDecision(Checker, Now.AddHours(1), A.Policy);

        Assert.Equal(CustomerStatus.Rejected, customer.Status);
        Assert.Null(customer.Staged);
        Assert.Equal((true, "We cannot offer you an account."), (customer.LastRejection!.Final, customer.LastRejection.CustomerMessage));
        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal(("rejected", Checker.Name, "Forged utility bill."), (entry.Action, entry.ActorName, entry.Note));
        Assert.Contains("\"stagedBy\":\"Rui Reviewer\"", entry.Details);
        Assert.Contains("\"confirmedBy\":\"Rhea Reviewer\"", entry.Details);
        Assert.IsType<StatusChanged>(Assert.Single(customer.TakeNewEvents()));
    }

    [Fact]
    public void Confirm_ByTheReviewerWhoStagedIt_IsRefused()
    {
        var customer = StagedFinalRejection();

        var refused = Assert.Throws<DomainRuleException>(() => customer.ConfirmDecision(A.Reviewer, Now, A.Policy));

        Assert.Equal("Confirm the staged decision is unavailable: you staged this final rejection; another reviewer must confirm it.", refused.Message);
        Assert.Equal(CustomerStatus.Pending, customer.Status);
        Assert.NotNull(customer.Staged);
        Assert.Empty(customer.TakeNewAuditEntries());
    }

    [Fact]
    public void Confirm_BySupportOrAnApprover_IsRefused()
    {
        var customer = StagedFinalRejection();

        Assert.Contains("only a reviewer", Assert.Throws<DomainRuleException>(() => customer.ConfirmDecision(A.Support, Now, A.Policy)).Message);
        Assert.Contains("only a reviewer", Assert.Throws<DomainRuleException>(() => customer.ConfirmDecision(A.Approver, Now, A.Policy)).Message);
    }

    [Fact]
    public void WhileStaged_OtherDecisionsAreUnavailable_NamingWhoStagedWhat()
    {
        var customer = StagedFinalRejection();

        foreach (var action in new[] { CustomerAction.Approve, CustomerAction.Reject, CustomerAction.RequestInformation, CustomerAction.Hold })
        {
            Assert.Equal($"{CustomerTransitions.Name(action)} is unavailable: Rui Reviewer's final rejection awaits a second review; confirm it or send it back first.",
                customer.WhyNot(action, Checker, A.Policy, Now));
        }
        Assert.Null(customer.WhyNot(CustomerAction.ConfirmDecision, Checker, A.Policy, Now));
        Assert.Null(customer.WhyNot(CustomerAction.SendBackDecision, Checker, A.Policy, Now));
        Assert.Null(customer.WhyNot(CustomerAction.AddNote, A.Support, A.Policy, Now));
        Assert.Equal("the system does this by itself",
            customer.WhyNot(CustomerAction.DropDecision, Checker, A.Policy, Now)!.Split(": ")[1].TrimEnd('.'));
    }

    [Fact]
    public void NothingStaged_ConfirmAndSendBackAreUnavailable()
    {
        var customer = A.Approvable();

        Assert.Equal("Confirm the staged decision is unavailable: no decision awaits a second review.",
            customer.WhyNot(CustomerAction.ConfirmDecision, Checker, A.Policy, Now));
        Assert.Throws<DomainRuleException>(() => customer.SendBackDecision(Checker, Now, "No."));
    }

    [Fact]
    public void SendBack_NeedsANote_ThenClearsTheStagedDecision_AndTellsItsMaker()
    {
        var customer = StagedFinalRejection();
        Assert.Contains("needs a note", Assert.Throws<DomainRuleException>(() => customer.SendBackDecision(Checker, Now, " ")).Message);

        customer.SendBackDecision(Checker, Now.AddHours(1), "The bill looks genuine to me; ask for a second one instead.");

        Assert.Null(customer.Staged);
        Assert.Equal((CustomerStatus.Pending, WorkQueue.NeedsReview), (customer.Status, customer.Queue));
        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal(("staged_decision_sent_back", Checker.Name), (entry.Action, entry.ActorName));
        var ended = Assert.IsType<StagedDecisionEnded>(Assert.Single(customer.TakeNewEvents()));
        Assert.Equal(("sent back", A.Reviewer.Id, "Rhea Reviewer"), (ended.How, ended.Decision.StagedById, ended.By));
    }

    [Fact]
    public void SendBack_ByItsMaker_WithdrawsItWithoutANotice()
    {
        var customer = StagedFinalRejection();

        customer.SendBackDecision(A.Reviewer, Now, "Wrong customer.");

        Assert.Null(customer.Staged);
        Assert.Empty(customer.TakeNewEvents());
    }

    [Fact]
    public void EvidenceChange_DropsTheStagedDecision_AndConfirmIsThenRefused()
    {
        var customer = StagedFinalRejection();
        var passport = customer.Documents.First();

        customer.RejectDocument(Checker, Now.AddMinutes(5), passport.Id, "document_unreadable");

        Assert.Null(customer.Staged);
        var entries = customer.TakeNewAuditEntries();
        Assert.Equal(["document_rejected", "staged_decision_dropped"], entries.Select(e => e.Action));
        Assert.Contains("rejected the passport", entries[1].Note);
        var ended = Assert.IsType<StagedDecisionEnded>(Assert.Single(customer.TakeNewEvents()));
        Assert.Equal(("dropped", A.Reviewer.Id), (ended.How, ended.Decision.StagedById));
        Assert.Contains("no decision awaits a second review",
            Assert.Throws<DomainRuleException>(() => customer.ConfirmDecision(Checker, Now.AddMinutes(6), A.Policy)).Message);
    }

    [Fact]
    public void NewCheckResults_AndAnsweredQuestionnaire_DropTheStagedDecision()
    {
        var checks = StagedFinalRejection();
        checks.RecordChecks(Actor.System, Now, AutomatedChecks.Run(checks, [], CheckSettings.Default, new DateOnly(2026, 11, 2)));
        Assert.Null(checks.Staged);

        var questionnaire = StagedFinalRejection();
        questionnaire.AnswerSourceOfFunds(A.Partner, Now, A.Questionnaire(), A.Policy);
        Assert.Null(questionnaire.Staged);
    }

    [Fact]
    public void Confirm_WhenTheDecisionNoLongerHolds_IsRefusedSayingWhy()
    {
        var customer = WithClearedDuplicate();
        customer.Approve(A.Reviewer, Now, A.Policy, null, All);
        customer.TakeNewAuditEntries();

        // The maker's approval stood on a passport that has expired by the time the checker looks.
        var later = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var refused = Assert.Throws<DomainRuleException>(() => customer.ConfirmDecision(Checker, later, A.Policy));

        Assert.StartsWith("Confirm refused: approve is unavailable", refused.Message);
        Assert.NotNull(customer.Staged);
    }

    [Fact]
    public void TwoCheckers_TheSecondFindsNothingToConfirm()
    {
        var customer = StagedFinalRejection();
        var admin = Actor.Admin("staff-admin", "Ada Admin");

        customer.ConfirmDecision(Checker, Now, A.Policy);

        Assert.Contains("is unavailable", Assert.Throws<DomainRuleException>(() => customer.ConfirmDecision(admin, Now, A.Policy)).Message);
        Assert.Single(customer.TakeNewAuditEntries());
    }

    [Fact]
    public void Withdraw_WhileStaged_DropsIt()
    {
        var customer = StagedFinalRejection();

        customer.Withdraw(A.Partner, Now);

        Assert.Null(customer.Staged);
        Assert.Equal(["staged_decision_dropped", "withdrawn"], customer.TakeNewAuditEntries().Select(e => e.Action));
    }

    private static (Customer Customer, AccessRequest Request) VirtualAccountRequest()
    {
        var customer = A.Active(VerificationLevel.Advanced);
        customer.AnswerSourceOfFunds(A.Partner, A.T0.AddHours(3), A.Questionnaire(), A.Policy);
        var request = AccessRequest.Request(A.Partner, A.T0.AddHours(4), customer, new ProductChoice(Product.VirtualAccount, Currency: "EUR"), []).Created!;
        request.TakeNewAuditEntries();
        return (customer, request);
    }

    [Fact]
    public void VirtualAccountGrant_IsStaged_AndConfirmedByASecondApprover()
    {
        var (customer, request) = VirtualAccountRequest();

        Assert.Equal(DecisionEffect.Staged, request.Grant(A.Approver, Now, customer, A.Policy, "Volumes fit the programme.", All));
        Assert.Equal((AccessRequestStatus.Requested, Now), (request.Status, request.StagedAt));
        Assert.Equal("Confirm is unavailable: you staged this grant; another approver must confirm it.", request.WhyNotConfirm(A.Approver, customer, A.Policy, Now));
        Assert.Contains("awaits a second review", request.WhyNotGrant(SecondApprover, customer, A.Policy, Now));

        request.ConfirmDecision(SecondApprover, Now.AddHours(1), customer, A.Policy);

        Assert.Equal((AccessRequestStatus.Granted, "Priya Approver", (DateTimeOffset?)null), (request.Status, request.DecidedBy, request.StagedAt));
        var entries = request.TakeNewAuditEntries();
        Assert.Equal(["decision_staged", "access_granted"], entries.Select(e => e.Action));
        Assert.Contains("\"stagedBy\":\"Pablo Approver\"", entries[1].Details);
        Assert.IsType<AccessDecided>(Assert.Single(request.TakeNewEvents()));
    }

    [Fact]
    public void CardGrant_IsAppliedByOneApprover()
    {
        var customer = A.Active();
        var request = A.CardRequest(customer);

        Assert.Equal(DecisionEffect.Applied, request.Grant(A.Approver, Now, customer, A.Policy, null, All));
        Assert.Equal(AccessRequestStatus.Granted, request.Status);
    }

    [Fact]
    public void StagedGrant_OnChangedEvidence_CannotBeConfirmed_AndIsDropped()
    {
        var (customer, request) = VirtualAccountRequest();
        request.Grant(A.Approver, Now, customer, A.Policy, null, All);
        customer.AnswerSourceOfFunds(A.Partner, Now.AddMinutes(5), A.Questionnaire() with { ExpectedMonthlyVolume = MonthlyVolume.From10000To50000 }, A.Policy);

        Assert.Equal("Confirm is unavailable: the customer's evidence changed since Pablo Approver staged the grant.",
            request.WhyNotConfirm(SecondApprover, customer, A.Policy, Now.AddMinutes(6)));
        Assert.Throws<DomainRuleException>(() => request.ConfirmDecision(SecondApprover, Now.AddMinutes(6), customer, A.Policy));

        Assert.True(request.DropIfEvidenceChanged(Now.AddMinutes(6), customer, A.Policy));
        Assert.Null(request.Staged);
        Assert.Equal(AccessRequestStatus.Requested, request.Status);
        Assert.Equal("dropped", Assert.IsType<StagedDecisionEnded>(Assert.Single(request.TakeNewEvents())).How);
    }

    [Fact]
    public void Revocation_IsStaged_ThenSentBack_LeavingTheGrant()
    {
        var customer = A.Active();
        var request = A.CardRequest(customer);
        request.Grant(A.Approver, Now, customer, A.Policy);

        Assert.Equal(DecisionEffect.Staged, request.Revoke(A.Approver, Now.AddHours(1), ["suspected_fraud"], "Your card is cancelled.", null, All));
        Assert.Contains("awaits a second review", request.WhyNotRevoke(SecondApprover));

        request.SendBackDecision(SecondApprover, Now.AddHours(2), customer, "The chargeback was resolved in the customer's favour.");

        Assert.Equal(AccessRequestStatus.Granted, request.Status);
        Assert.Null(request.Staged);
        Assert.Equal("staged_decision_sent_back", request.TakeNewAuditEntries().Last().Action);
    }

    [Fact]
    public void StagedRevocation_ConfirmedByAnotherApprover_Revokes()
    {
        var customer = A.Active();
        var request = A.CardRequest(customer);
        request.Grant(A.Approver, Now, customer, A.Policy);
        request.Revoke(A.Approver, Now.AddHours(1), ["suspected_fraud"], "Your card is cancelled.", "Chargebacks.", All);

        request.ConfirmDecision(SecondApprover, Now.AddHours(2), customer, A.Policy);

        Assert.Equal((AccessRequestStatus.Revoked, "Your card is cancelled."), (request.Status, request.CustomerMessage));
    }
}
