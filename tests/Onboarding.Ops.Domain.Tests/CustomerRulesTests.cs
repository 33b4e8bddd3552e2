using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Tests;

public sealed class CustomerRulesTests
{
    private static readonly DateTimeOffset Now = A.T0.AddHours(10);

    [Fact]
    public void Create_CompleteData_IsPendingWithTheReviewClockStarted()
    {
        var customer = A.Pending();

        Assert.Equal(CustomerStatus.Pending, customer.Status);
        Assert.Equal(A.T0, customer.SubmittedAt);
        Assert.Equal("Camila Restrepo", customer.Name);
        Assert.Equal("created", Assert.Single(customer.TakeNewAuditEntries()).Action);
    }

    [Fact]
    public void Create_IncompleteData_NeedsInformationWithTheMissingItemsAsChecklist()
    {
        var customer = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic,
            VerificationModel.PartnerVerified, "lumen-wallet", Person: A.Person() with { Phone = null }, LivenessAttested: true), A.Policy);

        Assert.Equal(CustomerStatus.NeedsInformation, customer.Status);
        Assert.Equal([RequirementCode.Phone, RequirementCode.IdentityDocument], customer.OpenChecklist.Select(i => i.Code));
        Assert.Contains("phone", customer.InformationRequestMessage);
    }

    [Fact]
    public void Create_HostedWithEmptyPayload_IsPendingAndWaitsForTheEndUser()
    {
        var customer = A.HostedEmpty();

        Assert.Equal(CustomerStatus.Pending, customer.Status);
        Assert.Null(customer.SubmittedAt);
        Assert.Contains("Approve is unavailable: nothing has been submitted yet.",
            customer.AllowedActions(A.Reviewer, A.Policy, Now).Select(a => a.WhyNot));
    }

    [Fact]
    public void Create_WithExpiredPassport_NeedsInformationNamingTheExpiry()
    {
        var customer = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic,
            VerificationModel.PartnerVerified, "lumen-wallet", Person: A.Person(), Documents: [A.Passport(new DateOnly(2026, 3, 1))],
            LivenessAttested: true), A.Policy);

        Assert.Equal(CustomerStatus.NeedsInformation, customer.Status);
        Assert.Equal("The passport expired on 2026-03-01.", customer.OpenChecklist.Single().Instruction);
    }

    [Fact]
    public void Approve_WhenADocumentWaitsForReview_IsRefusedSayingWhich()
    {
        var customer = A.Pending();

        var refused = Assert.Throws<DomainRuleException>(() => customer.Approve(A.Reviewer, Now, A.Policy));

        Assert.Equal("Approve is unavailable: the passport received on 2026-11-02 is waiting for review.", refused.Message);
        Assert.Equal(CustomerStatus.Pending, customer.Status);
    }

    [Fact]
    public void Approve_WhenAPassportExpiresWhileWaiting_IsRefusedWithTheDate()
    {
        var customer = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic,
            VerificationModel.PartnerVerified, "lumen-wallet", Person: A.Person(), Documents: [A.Passport(new DateOnly(2026, 11, 5))],
            LivenessAttested: true), A.Policy);
        customer.AcceptDocument(A.Reviewer, A.T0.AddHours(1), customer.Documents[0].Id);
        var later = new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero);

        var approve = customer.AllowedActions(A.Reviewer, A.Policy, later).Single(a => a.Action == CustomerAction.Approve);

        Assert.False(approve.Allowed);
        Assert.Equal("Approve is unavailable: the passport expired on 2026-11-05.", approve.WhyNot);
    }

    [Fact]
    public void Approve_WithUnresolvedFailedCheck_IsRefusedUntilResolved()
    {
        var customer = A.Approvable();
        customer.RecordChecks(Actor.System, A.T0.AddHours(1),
            [new CheckResult { Code = "duplicate_national_id", Outcome = CheckOutcome.Fail, Detail = "Same national ID as another customer." }]);

        Assert.Throws<DomainRuleException>(() => customer.Approve(A.Reviewer, Now, A.Policy));
        customer.ResolveCheck(A.Reviewer, Now, "duplicate_national_id", CheckVerdict.Cleared, "Same person re-onboarded by a second partner; allowed.");
        customer.Approve(A.Reviewer, Now, A.Policy);

        Assert.Equal(CustomerStatus.Active, customer.Status);
    }

    [Fact]
    public void Reject_SetsTheLastRejectionAndClearsTheChecklist()
    {
        var customer = A.InStatus(CustomerStatus.NeedsInformation);

        customer.Reject(A.Reviewer, Now, ["name_mismatch", "document_unreadable"], false, "Please correct your name.", "Looks like a typo.");

        Assert.Equal(["name_mismatch", "document_unreadable"], customer.LastRejection!.ReasonCodes);
        Assert.False(customer.LastRejection.Final);
        Assert.Equal("Looks like a typo.", customer.LastRejection.InternalNote);
        Assert.Empty(customer.Checklist);
        var entry = customer.TakeNewAuditEntries().Last();
        Assert.Equal(["name_mismatch", "document_unreadable"], entry.ReasonCodes);
        Assert.Contains("\"final\":false", entry.Details);
    }

    [Theory]
    [InlineData(new string[0], "Reject needs at least one reason code.", "message")]
    [InlineData(new[] { "not_a_code" }, "Reject refused: 'not_a_code' is not a reason code of the catalogue.", "message")]
    [InlineData(new[] { "underage" }, "Reject needs a message for the customer.", " ")]
    public void Reject_WithMissingData_IsRefusedAndChangesNothing(string[] codes, string expected, string message)
    {
        var customer = A.Approvable();
        var version = customer.Version;

        var refused = Assert.Throws<DomainRuleException>(() => customer.Reject(A.Reviewer, Now, codes, true, message, null));

        Assert.Equal(expected, refused.Message);
        Assert.Equal(CustomerStatus.Pending, customer.Status);
        Assert.Equal(version, customer.Version);
    }

    [Fact]
    public void RequestInformation_WithEmptyChecklist_IsRefused()
    {
        var customer = A.Approvable();

        var refused = Assert.Throws<DomainRuleException>(() => customer.RequestInformation(A.Reviewer, Now, [], "Please send more."));

        Assert.Equal("Request information needs at least one checklist item.", refused.Message);
    }

    [Fact]
    public void RequestInformation_RecordsTheChecklistInTheAuditTrail()
    {
        var customer = A.Active();
        customer.TakeNewAuditEntries();

        customer.RequestInformation(A.Reviewer, Now, [new(RequirementCode.IdentityDocument, "Your passport expires soon: send the renewed one.")],
            "Please send your renewed passport.");

        Assert.Equal(CustomerStatus.NeedsInformation, customer.Status);
        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal("information_requested", entry.Action);
        Assert.Contains("IdentityDocument", entry.Details);
    }

    [Fact]
    public void Hold_WithWakeUpInThePast_IsRefused()
    {
        var customer = A.Approvable();

        var refused = Assert.Throws<DomainRuleException>(() => customer.PutOnHold(A.Reviewer, Now, "Screening", Now.AddMinutes(-1)));

        Assert.StartsWith("Hold refused: the wake-up date", refused.Message);
        Assert.Null(customer.Hold);
    }

    [Fact]
    public void Hold_ThenRelease_ReturnsToTheStatusItWasHeldFrom()
    {
        var customer = A.InStatus(CustomerStatus.NeedsInformation);

        customer.PutOnHold(A.Reviewer, Now, "Adverse media check", null);
        Assert.Equal(CustomerStatus.NeedsInformation, customer.Hold!.HeldFrom);
        customer.Release(A.Reviewer, Now.AddHours(1), "Nothing relevant found.");

        Assert.Equal(CustomerStatus.NeedsInformation, customer.Status);
        Assert.Null(customer.Hold);
    }

    [Fact]
    public void Release_WithoutNote_IsRefused()
    {
        var customer = A.InStatus(CustomerStatus.OnHold);

        Assert.Equal("Release needs a note.", Assert.Throws<DomainRuleException>(() => customer.Release(A.Reviewer, Now, "")).Message);
        Assert.Equal(CustomerStatus.OnHold, customer.Status);
    }

    [Fact]
    public void ProvideInformation_Partially_StaysAndRecordsWhatIsStillOpen()
    {
        var customer = A.Approvable();
        customer.RequestInformation(A.Reviewer, Now, [new(RequirementCode.IdentityDocument, "Sharper passport photo."),
            new(RequirementCode.ProofOfAddress, "Utility bill from the last 3 months.")], "Please send both documents.");
        customer.TakeNewAuditEntries();

        customer.ProvideInformation(A.EndUser, Now.AddHours(1), new CustomerChanges(Documents: [A.Passport()]), A.Policy);

        Assert.Equal(CustomerStatus.NeedsInformation, customer.Status);
        Assert.Equal([RequirementCode.ProofOfAddress], customer.OpenChecklist.Select(i => i.Code));
        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal("information_provided", entry.Action);
        Assert.Contains("Proof of address", entry.Details);
    }

    [Fact]
    public void Resubmit_AfterFinalRejection_IsRefused()
    {
        var customer = A.Approvable();
        customer.Reject(A.Reviewer, Now, ["sanctions_match"], true, "We are unable to offer you this service.", null);

        var refused = Assert.Throws<DomainRuleException>(() => customer.Resubmit(A.Partner, Now.AddDays(1), new CustomerChanges(), A.Policy));

        Assert.Equal("Resubmit is unavailable: the rejection is final.", refused.Message);
    }

    [Fact]
    public void SubmitUpdate_ContactOnly_StaysActiveAndIsAudited()
    {
        var customer = A.Active();
        customer.TakeNewAuditEntries();

        customer.SubmitUpdate(A.Partner, Now, new CustomerChanges(A.Person() with { Email = "camila@newmail.co", Phone = "+573109876543" }));

        Assert.Equal(CustomerStatus.Active, customer.Status);
        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal("contact_updated", entry.Action);
        Assert.Contains("camila@newmail.co", entry.Details);
    }

    [Fact]
    public void SubmitUpdate_Nationality_SendsToFullReverification()
    {
        var customer = A.Active();

        customer.SubmitUpdate(A.Partner, Now, new CustomerChanges(A.Person() with { Nationality = "ES" }));

        Assert.Equal(CustomerStatus.Pending, customer.Status);
        Assert.Equal(Now, customer.SubmittedAt);
    }

    [Fact]
    public void SubmitUpdate_Address_KeepsOldAndNewForTheReviewer()
    {
        var customer = A.Active();
        var moved = A.Person() with { Address = new Address { Line1 = "Calle 10 # 5-51", City = "Medellín", PostalCode = "050001", CountryCode = "CO" } };

        customer.SubmitUpdate(A.Partner, Now, new CustomerChanges(moved));

        Assert.Equal(CustomerStatus.UpdateRequested, customer.Status);
        var change = Assert.Single(customer.PendingChanges);
        Assert.Equal("address", change.Field);
        Assert.Contains("Bogotá", change.Old);
        Assert.Contains("Medellín", change.New);
    }

    [Fact]
    public void ReceiveData_ByStatus_IsTheVerbTheDomainTableAllows()
    {
        var empty = A.HostedEmpty();
        Assert.Equal(CustomerAction.Submit, empty.ReceiveData(A.EndUser, Now, new CustomerChanges(A.Person()), A.Policy));

        var asked = A.InStatus(CustomerStatus.NeedsInformation);
        Assert.Equal(CustomerAction.ProvideInformation, asked.ReceiveData(A.Partner, Now, new CustomerChanges(A.Person()), A.Policy));

        var active = A.Active();
        Assert.Equal(CustomerAction.SubmitUpdate,
            active.ReceiveData(A.Partner, Now, new CustomerChanges(A.Person() with { Phone = "+573001112233" }), A.Policy));
        Assert.Equal(CustomerStatus.Active, active.Status);
    }

    [Theory]
    [InlineData(CustomerStatus.Pending, "waits for a reviewer")]
    [InlineData(CustomerStatus.UpdateRequested, "waits for a reviewer")]
    [InlineData(CustomerStatus.OnHold, "waits for a reviewer")]
    [InlineData(CustomerStatus.Rejected, "resubmit")]
    public void ReceiveData_WhileUnderReviewOrRejected_IsRefusedAndChangesNothing(CustomerStatus status, string reason)
    {
        var customer = A.InStatus(status);
        var version = customer.Version;

        var refused = Assert.Throws<DomainRuleException>(() =>
            customer.ReceiveData(A.Partner, Now, new CustomerChanges(A.Person() with { Phone = "+573001112233" }), A.Policy));

        Assert.Contains(reason, refused.Message);
        Assert.Equal((status, version), (customer.Status, customer.Version));
    }

    [Fact]
    public void SubmitUpdate_ChangingNothing_IsRefused()
    {
        var customer = A.Active();

        Assert.Throws<DomainRuleException>(() => customer.SubmitUpdate(A.Partner, Now, new CustomerChanges(A.Person())));
        Assert.Equal(CustomerStatus.Active, customer.Status);
    }

    [Fact]
    public void RejectDocument_RecordsTheReasonAndBlocksApproval()
    {
        var customer = A.Pending();
        var passport = customer.Documents.Single();

        customer.RejectDocument(A.Reviewer, Now, passport.Id, "document_unreadable");

        Assert.Equal(DocumentReviewState.Rejected, passport.State);
        Assert.Equal("document_unreadable", passport.RejectionReason);
        Assert.Equal("Approve is unavailable: the passport was rejected (document_unreadable).",
            customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now));
    }

    [Fact]
    public void AcceptDocument_BySupport_IsRefused()
    {
        var customer = A.Pending();

        Assert.Throws<DomainRuleException>(() => customer.AcceptDocument(A.Support, Now, customer.Documents[0].Id));
        Assert.Equal(DocumentReviewState.Received, customer.Documents[0].State);
    }

    [Fact]
    public void AllowedActions_ForSupport_ExplainsEveryReviewerAction()
    {
        var customer = A.Approvable();

        var options = customer.AllowedActions(A.Support, A.Policy, Now);

        Assert.All(options.Where(o => o.By == Party.Reviewer && CustomerTransitions.Find(CustomerStatus.Pending, o.Action) is not null),
            o => Assert.Equal($"{o.Name} is unavailable: only a reviewer can do this.", o.WhyNot));
        // Support's own writes: a note (a link only for a hosted customer; this one is verified by its partner).
        Assert.Equal([CustomerAction.AddNote], options.Where(o => o.Allowed).Select(o => o.Action));
    }

    [Theory]
    [InlineData(CustomerStatus.Pending, WorkQueue.NeedsReview)]
    [InlineData(CustomerStatus.NeedsInformation, WorkQueue.WaitingOnCustomer)]
    [InlineData(CustomerStatus.Active, WorkQueue.Active)]
    [InlineData(CustomerStatus.Rejected, WorkQueue.Rejected)]
    [InlineData(CustomerStatus.UpdateRequested, WorkQueue.NeedsReview)]
    [InlineData(CustomerStatus.OnHold, WorkQueue.NeedsReview)] // with a wake-up date
    public void Queue_FollowsWhoseMoveItIs(CustomerStatus status, WorkQueue queue) =>
        Assert.Equal(queue, A.InStatus(status).Queue);

    [Fact]
    public void Queue_HostedCustomerNotYetSubmitted_WaitsOnTheCustomer() =>
        Assert.Equal(WorkQueue.WaitingOnCustomer, A.HostedEmpty().Queue);

    [Fact]
    public void WaitingSince_AfterTheCustomerAnswers_StartsWhenTheAnswerArrived()
    {
        var customer = A.InStatus(CustomerStatus.NeedsInformation);
        Assert.Equal(A.T0.AddHours(3), customer.WaitingSince);

        customer.ProvideInformation(A.EndUser, Now, new CustomerChanges(Documents: [A.Passport()]), A.Policy);

        Assert.Equal(WorkQueue.NeedsReview, customer.Queue);
        Assert.Equal(Now, customer.WaitingSince);
    }

    [Fact]
    public void Queue_HoldWithWakeUp_WaitsForTheReviewerFromItsWakeUpDate()
    {
        var customer = A.Approvable();
        customer.PutOnHold(A.Reviewer, Now, "Screening", Now.AddDays(2));
        Assert.Equal((WorkQueue.NeedsReview, Now.AddDays(2)), (customer.Queue, customer.WaitingSince));

        customer.Release(A.Reviewer, Now.AddDays(1), "Cleared early.");
        Assert.Equal((WorkQueue.NeedsReview, A.T0), (customer.Queue, customer.WaitingSince));
    }

    [Fact]
    public void Queue_HoldWithoutWakeUp_IsOnHold()
    {
        var customer = A.Approvable();
        customer.PutOnHold(A.Reviewer, Now, "Chargeback investigation", null);

        Assert.Equal((WorkQueue.OnHold, Now), (customer.Queue, customer.WaitingSince));
    }

    [Fact]
    public void SortName_PutsTheSurnameFirst() => Assert.Equal("Restrepo Camila", A.Pending().SortName);

    [Fact]
    public void WakeUp_BeforeTheWakeUpDate_IsRefused()
    {
        var customer = A.InStatus(CustomerStatus.OnHold);

        var refused = Assert.Throws<DomainRuleException>(() => customer.WakeUp(Actor.System, A.T0.AddDays(2)));

        Assert.Equal("Wake up is unavailable: the hold has no wake-up date that has passed.", refused.Message);
    }

    [Fact]
    public void WakeUp_AfterTheDate_ReturnsToTheHeldFromStatusAsTheSystem()
    {
        var customer = A.InStatus(CustomerStatus.OnHold);
        customer.TakeNewAuditEntries();

        customer.WakeUp(Actor.System, A.T0.AddDays(3).AddMinutes(1));

        Assert.Equal(CustomerStatus.Pending, customer.Status);
        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal(("woke_up", ActorKind.System), (entry.Action, entry.ActorKind));
    }

    [Fact]
    public void AddNote_ByStaff_IsAuditedAndChangesNothingElse()
    {
        var customer = A.Approvable();
        customer.TakeNewAuditEntries();

        customer.AddNote(A.Support, Now, "Partner called: the end user is travelling until Monday.");

        Assert.Equal(CustomerStatus.Pending, customer.Status);
        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal(("note_added", "Sana Support"), (entry.Action, entry.ActorName));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void AddNote_Empty_IsRefused(string? note) =>
        Assert.Throws<DomainRuleException>(() => A.Approvable().AddNote(A.Support, Now, note!));

    [Fact]
    public void Reject_WithATooLongMessage_IsRefused()
    {
        var customer = A.Approvable();

        var refused = Assert.Throws<DomainRuleException>(() =>
            customer.Reject(A.Reviewer, Now, ["name_mismatch"], false, new string('x', 2001), null));

        Assert.Equal("Reject refused: the customer message holds at most 2000 characters.", refused.Message);
        Assert.Equal(CustomerStatus.Pending, customer.Status);
    }

    [Fact]
    public void VerificationLink_OpensUntilItExpires_AndANewOneKillsTheOld()
    {
        var customer = A.HostedEmpty();

        var first = customer.IssueVerificationLink(A.Partner, Now, TimeSpan.FromDays(14));
        Assert.True(customer.OpensWith(first, Now.AddDays(13)));
        Assert.False(customer.OpensWith(first, Now.AddDays(14)));
        Assert.False(customer.OpensWith(first + "x", Now));

        var second = customer.IssueVerificationLink(A.Support, Now.AddDays(1), TimeSpan.FromDays(14), "The end user lost the email.");

        Assert.NotEqual(first, second);
        Assert.False(customer.OpensWith(first, Now.AddDays(1)));
        Assert.True(customer.OpensWith(second, Now.AddDays(1)));
        Assert.DoesNotContain(first, customer.VerificationLinkHash);
        Assert.Equal(["verification_link_issued", "verification_link_regenerated"],
            customer.TakeNewAuditEntries().Select(e => e.Action).Where(a => a.StartsWith("verification_link")));
    }

    [Fact]
    public void VerificationLink_IsForHostedCustomersStillVerifying_AndNotIssuedByTheEndUser()
    {
        Assert.Throws<DomainRuleException>(() => A.Pending().IssueVerificationLink(A.Partner, Now, TimeSpan.FromDays(14)));
        Assert.Throws<DomainRuleException>(() => A.HostedEmpty().IssueVerificationLink(A.EndUser, Now, TimeSpan.FromDays(14)));
        Assert.Throws<DomainRuleException>(() => A.HostedEmpty().IssueVerificationLink(A.Partner, Now, TimeSpan.Zero));
    }
}
