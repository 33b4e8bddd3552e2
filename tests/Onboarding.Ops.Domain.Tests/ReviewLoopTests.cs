using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Tests;

/// <summary>The review loop without dead ends: checks resolved, the questionnaire, checklists closed by the right answer, updates declined.</summary>
public sealed class ReviewLoopTests
{
    private static readonly DateTimeOffset Now = A.T0.AddHours(10);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private static readonly DuplicateMatch Twin = new(Guid.Parse("11111111-1111-1111-1111-111111111111"), "Camila Restrepo", DuplicateKind.NationalId);

    private static Customer WithDuplicate(params DuplicateMatch[] duplicates)
    {
        var customer = A.Approvable();
        customer.RecordChecks(Actor.System, A.T0.AddHours(1), AutomatedChecks.Run(customer, duplicates, CheckSettings.Default, new DateOnly(2026, 11, 2)));
        customer.TakeNewAuditEntries();
        return customer;
    }

    private static CheckResult Duplicate(Customer customer) => customer.Checks.Single(c => c.Code == "duplicate_customer");

    [Fact]
    public void Duplicates_ListEveryMatchAsRelated()
    {
        var email = new DuplicateMatch(Guid.NewGuid(), "Camila R.", DuplicateKind.Email);

        var check = Duplicate(WithDuplicate(Twin, email));

        Assert.Equal(CheckOutcome.Fail, check.Outcome);
        Assert.Null(check.Verdict);
        Assert.Equal([Twin.CustomerId, email.CustomerId], check.Related);
        Assert.Contains("same email is used by customer Camila R.", check.Detail);
    }

    [Fact]
    public void ResolveCheck_Cleared_MakesApproveAvailable()
    {
        var customer = WithDuplicate(Twin);
        Assert.Contains("duplicate_customer failed", customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now));

        customer.ResolveCheck(A.Reviewer, Now, "duplicate_customer", CheckVerdict.Cleared, "Same person, onboarded again by a second partner.");

        Assert.Null(customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now));
        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal(("check_cleared", "Same person, onboarded again by a second partner."), (entry.Action, entry.Note));
        Assert.Equal((A.Reviewer.Name, CheckVerdict.Cleared), (Duplicate(customer).ResolvedBy, Duplicate(customer).Verdict));
    }

    [Fact]
    public void ResolveCheck_ClearedWithoutNote_IsRefusedAndChangesNothing()
    {
        var customer = WithDuplicate(Twin);

        var refused = Assert.Throws<DomainRuleException>(() => customer.ResolveCheck(A.Reviewer, Now, "duplicate_customer", CheckVerdict.Cleared, " "));

        Assert.Contains("needs a note", refused.Message);
        Assert.True(Duplicate(customer).IsOpen);
        Assert.Empty(customer.TakeNewAuditEntries());
    }

    [Fact]
    public void ResolveCheck_Confirmed_KeepsApproveUnavailable_AndTheBlockerSaysReject()
    {
        var customer = WithDuplicate(Twin);

        customer.ResolveCheck(A.Reviewer, Now, "duplicate_customer", CheckVerdict.Confirmed, null);

        Assert.Contains("was confirmed by Rui Reviewer: the customer is to be rejected", customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now));
        var blocker = BlockerEngine.For(customer, [], A.Policy, SlaTargets.Default, Now).Single(b => b.Code == "check_confirmed");
        Assert.Equal("A reviewer rejects the customer (duplicate_customer).", blocker.NextStep);
        Assert.Equal("check_confirmed", Assert.Single(customer.TakeNewAuditEntries()).Action);
    }

    [Fact]
    public void ResolveCheck_Warning_IsResolvedWithoutBlockingApproval()
    {
        var customer = WithDuplicate(new DuplicateMatch(Guid.NewGuid(), "Camila Restrepo", DuplicateKind.Email));
        Assert.Null(customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now));

        customer.ResolveCheck(A.Reviewer, Now, "duplicate_customer", CheckVerdict.Cleared, "Shared family email.");

        Assert.False(Duplicate(customer).IsOpen);
    }

    [Theory]
    [InlineData("format", "passed")]
    [InlineData("sanctions", "there is no check sanctions")]
    public void ResolveCheck_APassedOrUnknownCheck_IsRefused(string code, string reason)
    {
        var customer = WithDuplicate(Twin);

        Assert.Contains(reason, Assert.Throws<DomainRuleException>(() => customer.ResolveCheck(A.Reviewer, Now, code, CheckVerdict.Cleared, "Fine.")).Message);
    }

    [Fact]
    public void ResolveCheck_Twice_IsRefusedNamingWhoResolvedIt()
    {
        var customer = WithDuplicate(Twin);
        customer.ResolveCheck(A.Reviewer, Now, "duplicate_customer", CheckVerdict.Cleared, "Same person.");

        var refused = Assert.Throws<DomainRuleException>(() =>
            customer.ResolveCheck(Actor.Reviewer("other", "Olga Other"), Now, "duplicate_customer", CheckVerdict.Confirmed, null));

        Assert.Contains("already resolved by Rui Reviewer", refused.Message);
    }

    [Fact]
    public void ResolveCheck_BySupportOrPartner_IsRefused()
    {
        var customer = WithDuplicate(Twin);

        Assert.Contains("only a reviewer", Assert.Throws<DomainRuleException>(() =>
            customer.ResolveCheck(A.Support, Now, "duplicate_customer", CheckVerdict.Cleared, "Looks fine.")).Message);
        Assert.Throws<DomainRuleException>(() => customer.ResolveCheck(A.Partner, Now, "duplicate_customer", CheckVerdict.Cleared, "Looks fine."));
        Assert.True(Duplicate(customer).IsOpen);
    }

    [Fact]
    public void ResolveCheck_OnARejectedCustomer_IsRefused()
    {
        var customer = WithDuplicate(Twin);
        customer.Reject(A.Reviewer, Now, ["duplicate_customer"], true, "We cannot open a second account.", null);

        Assert.Contains("the customer's status is rejected", Assert.Throws<DomainRuleException>(() =>
            customer.ResolveCheck(A.Reviewer, Now, "duplicate_customer", CheckVerdict.Cleared, "Fine.")).Message);
    }

    [Fact]
    public void RecordChecks_SameFindingOnTheSameData_KeepsTheResolution()
    {
        var customer = WithDuplicate(Twin);
        customer.ResolveCheck(A.Reviewer, Now, "duplicate_customer", CheckVerdict.Cleared, "Same person.");

        customer.RecordChecks(Actor.System, Now.AddHours(1), AutomatedChecks.Run(customer, [Twin], CheckSettings.Default, new DateOnly(2026, 11, 2)));

        Assert.Equal("Same person.", Duplicate(customer).Resolution);
        Assert.Null(customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now.AddHours(1)));
    }

    [Fact]
    public void RecordChecks_WhenTheDataTheCheckLookedAtChanged_OpensItAgain()
    {
        var customer = WithDuplicate(Twin);
        customer.ResolveCheck(A.Reviewer, Now, "duplicate_customer", CheckVerdict.Cleared, "Same person.");
        var another = new DuplicateMatch(Guid.NewGuid(), "Camila Restrepo", DuplicateKind.NationalId);

        customer.RecordChecks(Actor.System, Now.AddHours(1), AutomatedChecks.Run(customer, [Twin, another], CheckSettings.Default, new DateOnly(2026, 11, 2)));

        Assert.True(Duplicate(customer).IsOpen);
        Assert.Contains("duplicate_customer failed", customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now.AddHours(1)));
        Assert.Contains("resolutionsInvalidated", customer.TakeNewAuditEntries().Last().Details);
    }

    [Fact]
    public void AnswerSourceOfFunds_Complete_IsKeptWithWhoAndWhen_AndMeetsTheRequirement()
    {
        var customer = A.Active(VerificationLevel.Advanced);

        customer.AnswerSourceOfFunds(A.Partner, Now, A.Questionnaire(), A.Policy);

        Assert.Equal((A.Partner.Name, Now, ActorKind.Partner), (customer.SourceOfFunds!.AnsweredBy, customer.SourceOfFunds.AnsweredAt, customer.SourceOfFunds.AnsweredByKind));
        Assert.True(RequirementEngine.Evaluate(customer, RequirementCode.SourceOfFunds, A.Policy, new DateOnly(2026, 11, 2)).IsSatisfied);
        Assert.Equal(CustomerStatus.Active, customer.Status);
        Assert.Equal("source_of_funds_answered", customer.TakeNewAuditEntries().Last().Action);
    }

    [Fact]
    public void AnswerSourceOfFunds_Incomplete_IsRefusedNamingWhatIsMissing()
    {
        var customer = A.Active();
        var version = customer.Version;

        var refused = Assert.Throws<DomainRuleException>(() =>
            customer.AnswerSourceOfFunds(A.Partner, Now, A.Questionnaire() with { Occupation = null, ExpectedMonthlyVolume = null }, A.Policy));

        Assert.Equal("The source-of-funds questionnaire is incomplete: occupation is missing; expected monthly volume is missing.", refused.Message);
        Assert.Null(customer.SourceOfFunds);
        Assert.Equal(version, customer.Version);
    }

    [Fact]
    public void AnswerSourceOfFunds_ACompanysSourceForAPerson_IsRefused()
    {
        var refused = Assert.Throws<DomainRuleException>(() =>
            A.Active().AnswerSourceOfFunds(A.Partner, Now, A.Questionnaire() with { Source = FundsSource.ShareholderCapital }, A.Policy));

        Assert.Contains("'shareholder_capital' does not apply to a person", refused.Message);
    }

    [Fact]
    public void AnswerSourceOfFunds_ForACompany_NeedsItsCountriesOfOperation()
    {
        var company = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Business, VerificationLevel.Basic, VerificationModel.PartnerVerified,
            "lumen-wallet", Company: A.Company()), A.Policy);

        Assert.Contains("countries of operation are missing", Assert.Throws<DomainRuleException>(() =>
            company.AnswerSourceOfFunds(A.Partner, Now, A.CompanyQuestionnaire() with { CountriesOfOperation = [] }, A.Policy)).Message);
        company.AnswerSourceOfFunds(A.Partner, Now, A.CompanyQuestionnaire(), A.Policy);
        Assert.Equal(["CO", "PE"], company.SourceOfFunds!.Answers.CountriesOfOperation);
    }

    [Fact]
    public void AnswerSourceOfFunds_AgainReplacesTheLastAnswer()
    {
        var customer = A.Active();
        customer.AnswerSourceOfFunds(A.Partner, Now, A.Questionnaire(), A.Policy);

        customer.AnswerSourceOfFunds(A.EndUser, Now.AddDays(1), A.Questionnaire() with { Occupation = "Teacher" }, A.Policy);

        Assert.Equal(("Teacher", A.EndUser.Name), (customer.SourceOfFunds!.Answers.Occupation, customer.SourceOfFunds.AnsweredBy));
        Assert.Equal("source_of_funds_replaced", customer.TakeNewAuditEntries().Last().Action);
    }

    [Fact]
    public void AnswerSourceOfFunds_AfterAFinalRejection_IsRefused()
    {
        var customer = A.Approvable();
        customer.Reject(A.Reviewer, Now, ["suspected_fraud"], true, "We cannot offer an account.", null);

        Assert.Equal("Answer the source-of-funds questionnaire is unavailable: the rejection is final.",
            Assert.Throws<DomainRuleException>(() => customer.AnswerSourceOfFunds(A.Partner, Now, A.Questionnaire(), A.Policy)).Message);
    }

    private static Customer AskedFor(params RequirementCode[] codes)
    {
        var customer = A.Approvable(VerificationLevel.Advanced);
        customer.RequestInformation(A.Reviewer, A.T0.AddHours(2), [.. codes.Select(c => new ChecklistRequest(c, $"Please send the {c}."))], "A few things are needed.");
        customer.TakeNewAuditEntries();
        return customer;
    }

    [Fact]
    public void ProvideInformation_APhoneOnlyReplyToALegalNameItem_KeepsTheItemOpen()
    {
        var customer = AskedFor(RequirementCode.LegalName);

        customer.ProvideInformation(A.Partner, Now, new CustomerChanges(A.Person() with { Phone = "+573009998877" },
            Confirmed: new HashSet<RequirementCode> { RequirementCode.Phone }), A.Policy);

        Assert.Equal(CustomerStatus.NeedsInformation, customer.Status);
        Assert.Equal([RequirementCode.LegalName], customer.OpenChecklist.Select(i => i.Code));
    }

    [Fact]
    public void ProvideInformation_TheFieldChanged_ClosesItsItem()
    {
        var customer = AskedFor(RequirementCode.LegalName);

        customer.ProvideInformation(A.Partner, Now, new CustomerChanges(A.Person(last: "Restrepo Vélez")), A.Policy);

        Assert.Equal(CustomerStatus.Pending, customer.Status);
    }

    [Fact]
    public void ProvideInformation_TheFieldSentAgainUnchanged_ConfirmsIt()
    {
        var customer = AskedFor(RequirementCode.LegalName);

        customer.ProvideInformation(A.Partner, Now, new CustomerChanges(A.Person(),
            Confirmed: new HashSet<RequirementCode> { RequirementCode.LegalName }), A.Policy);

        Assert.Equal(CustomerStatus.Pending, customer.Status);
    }

    [Fact]
    public void ProvideInformation_APassportForAProofOfAddressItem_KeepsTheItemOpen()
    {
        var customer = AskedFor(RequirementCode.ProofOfAddress);

        customer.ProvideInformation(A.Partner, Now, new CustomerChanges(Documents: [A.Passport()]), A.Policy);

        Assert.Equal([RequirementCode.ProofOfAddress], customer.OpenChecklist.Select(i => i.Code));
    }

    [Fact]
    public void ProvideInformation_ADocumentOfTheRightType_ClosesItsItem()
    {
        var customer = AskedFor(RequirementCode.ProofOfAddress);

        customer.ProvideInformation(A.Partner, Now, new CustomerChanges(Documents: [A.ProofOfAddress(new DateOnly(2026, 10, 30))]), A.Policy);

        Assert.Equal(CustomerStatus.Pending, customer.Status);
    }

    [Fact]
    public void ProvideInformation_DataForAQuestionnaireItem_KeepsItOpen_TheQuestionnaireClosesIt()
    {
        var customer = AskedFor(RequirementCode.SourceOfFunds);

        customer.ProvideInformation(A.Partner, Now, new CustomerChanges(A.Person(last: "Restrepo Vélez"), Documents: [A.Passport()]), A.Policy);
        Assert.Equal([RequirementCode.SourceOfFunds], customer.OpenChecklist.Select(i => i.Code));

        customer.AnswerSourceOfFunds(A.Partner, Now.AddHours(1), A.Questionnaire(), A.Policy);
        Assert.Equal(CustomerStatus.Pending, customer.Status);
    }

    [Fact]
    public void ProvideInformation_DataForALivenessItem_KeepsItOpen_TheAttestationClosesIt()
    {
        var customer = AskedFor(RequirementCode.LivenessAttestation);

        customer.ProvideInformation(A.Partner, Now, new CustomerChanges(A.Person(last: "Restrepo Vélez")), A.Policy);
        Assert.Equal([RequirementCode.LivenessAttestation], customer.OpenChecklist.Select(i => i.Code));

        customer.ProvideInformation(A.Partner, Now, new CustomerChanges(LivenessAttested: true), A.Policy);
        Assert.Equal(CustomerStatus.Pending, customer.Status);
    }

    [Fact]
    public void ProvideInformation_AnsweringSomeItems_RecordsThemAndKeepsTheRestOpen()
    {
        var customer = AskedFor(RequirementCode.Phone, RequirementCode.ProofOfAddress);

        customer.ProvideInformation(A.Partner, Now, new CustomerChanges(A.Person() with { Phone = "+573009998877" }), A.Policy);

        Assert.Equal([RequirementCode.ProofOfAddress], customer.OpenChecklist.Select(i => i.Code));
        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Contains("\"answered\":[\"Phone\"]", entry.Details);
        Assert.Contains("\"stillOpen\":[\"Proof of address\"]", entry.Details);
    }

    private static readonly PersonData Renamed = A.Person(last: "Restrepo Vélez");

    [Fact]
    public void SubmitUpdate_ANameChange_IsKeptBesideTheVerifiedData()
    {
        var customer = A.Active();

        customer.SubmitUpdate(A.Partner, Now, new CustomerChanges(Renamed));

        Assert.Equal(("Restrepo", "Restrepo Vélez"), (customer.Person!.LastName, customer.PersonUnderReview!.LastName));
        Assert.Equal("Camila Restrepo", customer.Name);
        Assert.Equal("lastName", Assert.Single(customer.PendingChanges).Field);
    }

    [Fact]
    public void ApproveUpdate_MakesTheProposalTheVerifiedData()
    {
        var customer = A.InStatus(CustomerStatus.UpdateRequested);

        customer.ApproveUpdate(A.Reviewer, Now, A.Policy);

        Assert.Equal(("Restrepo Gómez", "Camila Restrepo Gómez"), (customer.Person!.LastName, customer.Name));
        Assert.Null(customer.Proposed);
    }

    [Fact]
    public void DeclineUpdate_KeepsTheVerifiedData_AndRecordsTheProposedChange()
    {
        var customer = A.InStatus(CustomerStatus.UpdateRequested);
        customer.TakeNewAuditEntries();

        customer.DeclineUpdate(A.Reviewer, Now, ["name_mismatch"], "The new name does not match your passport.", "No marriage certificate.");

        Assert.Equal(CustomerStatus.Active, customer.Status);
        Assert.Equal("Restrepo", customer.Person!.LastName);
        Assert.Null(customer.Proposed);
        Assert.Equal(["name_mismatch"], customer.LastDeclinedUpdate!.ReasonCodes);
        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal(("update_declined", "update_requested", "active"), (entry.Action, entry.StatusBefore, entry.StatusAfter));
        Assert.Contains("Restrepo Gómez", entry.Details);
    }

    [Theory]
    [InlineData(new string[0], "The new name does not match.", "needs at least one reason code")]
    [InlineData(new[] { "not_a_code" }, "The new name does not match.", "'not_a_code' is not a reason code")]
    [InlineData(new[] { "name_mismatch" }, " ", "needs a message for the customer")]
    public void DeclineUpdate_WithoutReasonOrMessage_IsRefusedAndChangesNothing(string[] reasons, string message, string expected)
    {
        var customer = A.InStatus(CustomerStatus.UpdateRequested);

        Assert.Contains(expected, Assert.Throws<DomainRuleException>(() => customer.DeclineUpdate(A.Reviewer, Now, reasons, message, null)).Message);
        Assert.Equal((CustomerStatus.UpdateRequested, "Restrepo Gómez"), (customer.Status, customer.PersonUnderReview!.LastName));
    }

    [Fact]
    public void Reject_AnUpdate_KeepsTheVerifiedDataOnFile()
    {
        var customer = A.InStatus(CustomerStatus.UpdateRequested);

        customer.Reject(A.Reviewer, Now, ["suspected_fraud"], true, "We cannot keep your account open.", null);

        Assert.Equal("Restrepo", customer.Person!.LastName);
        Assert.Null(customer.Proposed);
    }

    [Fact]
    public void Update_AnsweredThroughAnInformationRequest_StaysProposedUntilApproved()
    {
        var customer = A.InStatus(CustomerStatus.UpdateRequested);
        customer.RequestInformation(A.Reviewer, Now, [new(RequirementCode.ResidentialAddress, "Confirm your address.")], "Please confirm your address.");

        customer.ProvideInformation(A.Partner, Now.AddHours(1), new CustomerChanges(Renamed with { LastName = "Restrepo Gómez" },
            Confirmed: new HashSet<RequirementCode> { RequirementCode.ResidentialAddress }), A.Policy);
        Assert.Equal(("Restrepo", "Restrepo Gómez"), (customer.Person!.LastName, customer.PersonUnderReview!.LastName));

        customer.Approve(A.Reviewer, Now.AddHours(2), A.Policy);
        Assert.Equal("Restrepo Gómez", customer.Person!.LastName);
    }

    [Fact]
    public void Checks_OfAnUpdate_LookAtTheProposedData()
    {
        var customer = A.Active();
        customer.SubmitUpdate(A.Partner, Now, new CustomerChanges(A.Person("Test", "User")));

        var checks = AutomatedChecks.Run(customer, [], CheckSettings.Default, new DateOnly(2026, 11, 2));

        Assert.Equal(CheckOutcome.Fail, checks.Single(c => c.Code == "placeholder_data").Outcome);
    }

    [Fact]
    public void IssueVerificationLink_ByStaffWithoutAReason_IsRefused()
    {
        var customer = A.HostedEmpty();

        Assert.Contains("needs a reason", Assert.Throws<DomainRuleException>(() =>
            customer.IssueVerificationLink(A.Support, Now, TimeSpan.FromDays(14))).Message);
        customer.IssueVerificationLink(A.Support, Now, TimeSpan.FromDays(14), "The end user deleted the email.");
        Assert.Equal("The end user deleted the email.", customer.TakeNewAuditEntries().Last().Note);
    }

    [Fact]
    public void NewLink_AfterAFinalRejection_IsNotAnAllowedAction_AndTheVerbRefusesIt()
    {
        var customer = A.HostedWithData();
        customer.Reject(A.Reviewer, Now, ["suspected_fraud"], true, "We cannot verify you.", null);

        var option = customer.AllowedActions(A.Support, A.Policy, Now).Single(a => a.Action == CustomerAction.IssueLink);
        Assert.False(option.Allowed);
        Assert.Equal("New verification link is unavailable: the rejection is final.", option.WhyNot);
        Assert.Equal(option.WhyNot, Assert.Throws<DomainRuleException>(() =>
            customer.IssueVerificationLink(A.Support, Now, TimeSpan.FromDays(14), "Asked again.")).Message);
    }

    [Fact]
    public void NewLink_AfterARetryableRejection_IsAllowed()
    {
        var customer = A.HostedWithData();
        customer.Reject(A.Reviewer, Now, ["name_mismatch"], false, "Check your name.", null);

        Assert.True(customer.AllowedActions(A.Support, A.Policy, Now).Single(a => a.Action == CustomerAction.IssueLink).Allowed);
    }

    [Fact]
    public void Liveness_ForAHostedPerson_IsASelfie_ForAPartnerVerifiedOne_TheAttestation()
    {
        Assert.Contains(RequirementCode.Selfie, A.Policy.ForLevel(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.Hosted));
        Assert.DoesNotContain(RequirementCode.LivenessAttestation, A.Policy.ForLevel(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.Hosted));
        Assert.Contains(RequirementCode.LivenessAttestation, A.Policy.ForLevel(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.PartnerVerified));
        Assert.DoesNotContain(RequirementCode.Selfie, A.Policy.ForLevel(CustomerType.Individual, VerificationLevel.Minimum, VerificationModel.Hosted));
    }

    [Fact]
    public void Selfie_IsReviewedLikeADocument_AndApproveWaitsForIt()
    {
        var customer = A.HostedWithData();
        customer.AcceptDocument(A.Reviewer, Now, customer.Documents.Single(d => d.IsIdentity).Id);
        var selfie = customer.Documents.Single(d => d.Type == DocumentType.Selfie).Id;

        Assert.Contains("selfie", customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now));
        customer.RejectDocument(A.Reviewer, Now, selfie, "document_unreadable");
        Assert.Equal(RequirementState.Failed, RequirementEngine.Evaluate(customer, RequirementCode.Selfie, A.Policy, Today).State);
        customer.AcceptDocument(A.Reviewer, Now.AddMinutes(1), selfie);

        var evidence = RequirementEngine.Evaluate(customer, RequirementCode.Selfie, A.Policy, Today);
        Assert.Equal($"selfie reviewed by {A.Reviewer.Name} on {Now:yyyy-MM-dd}", evidence.Evidence);
        customer.Approve(A.Reviewer, Now.AddMinutes(2), A.Policy);
        Assert.Equal(CustomerStatus.Active, customer.Status);
    }

    [Fact]
    public void Checklist_ForASelfie_IsNotClosedByAnotherPhoto()
    {
        var customer = A.HostedAskedFor(RequirementCode.Selfie, "Take a selfie in good light.");

        customer.ProvideInformation(A.EndUser, Now, new CustomerChanges(Documents: [A.Passport()]), A.Policy);
        Assert.Equal(CustomerStatus.NeedsInformation, customer.Status);

        customer.ProvideInformation(A.EndUser, Now.AddMinutes(1), new CustomerChanges(Documents: [A.Selfie()]), A.Policy);
        Assert.Equal(CustomerStatus.Pending, customer.Status);
    }

    [Fact]
    public void EveryUpload_IsNamedInTheAuditEntryThatTookIt_WithItsTypeAndHash()
    {
        var customer = A.HostedAskedFor(RequirementCode.ProofOfAddress, "A recent bill.");
        customer.TakeNewAuditEntries();
        var bill = A.ProofOfAddress() with { File = new DocumentFile(new string('a', 64), "image/png", 2048, "bill.png") };

        customer.ProvideInformation(A.EndUser, Now, new CustomerChanges(Documents: [bill]), A.Policy);
        var received = Assert.Single(customer.TakeNewAuditEntries());
        customer.AcceptDocument(A.Reviewer, Now.AddMinutes(1), customer.Documents.Last().Id);
        var accepted = Assert.Single(customer.TakeNewAuditEntries());

        Assert.Equal("information_provided", received.Action);
        var document = customer.Documents.Last();
        Assert.Contains($"\"documentsReceived\":[{{\"documentId\":\"{document.Id}\",\"type\":\"proofOfAddress\",\"sha256\":\"{new string('a', 64)}\"", received.Details);
        Assert.Contains($"\"sha256\":\"{new string('a', 64)}\"", accepted.Details);
    }
}
