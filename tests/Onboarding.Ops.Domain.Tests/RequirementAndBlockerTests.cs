using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Tests;

public sealed class RequirementAndBlockerTests
{
    private static readonly SlaTargets Sla = SlaTargets.Default;

    private static Customer Created(
        CustomerType type, VerificationLevel level, PersonData? person = null, CompanyData? company = null,
        IReadOnlyList<NewDocument>? documents = null, VerificationModel model = VerificationModel.PartnerVerified) =>
        Customer.Create(A.Partner, A.T0, new NewCustomer(type, level, model, "lumen-wallet", Person: person, Company: company,
            Documents: documents, LivenessAttested: true), A.Policy);

    private static IReadOnlyList<Blocker> BlockersAt(Customer customer, DateTimeOffset now, params AccessRequest[] requests) =>
        BlockerEngine.For(customer, requests, A.Policy, Sla, now);

    /// <summary>Level × type × typical defect: the exact blocker codes and who must act.</summary>
    public static TheoryData<string, string[], WhoMustAct> Cases() => new()
    {
        { "individual-minimum-no-phone", ["checklist_item_outstanding"], WhoMustAct.Partner },
        { "individual-basic-no-identity-document", ["checklist_item_outstanding"], WhoMustAct.Partner },
        { "individual-basic-hosted-no-identity-document", ["checklist_item_outstanding"], WhoMustAct.EndUser },
        { "individual-advanced-old-proof-of-address", ["checklist_item_outstanding"], WhoMustAct.Partner },
        { "business-minimum-no-registration-number", ["checklist_item_outstanding"], WhoMustAct.Partner },
        { "business-basic-no-owner", ["checklist_item_outstanding"], WhoMustAct.Partner },
        { "business-advanced-no-proof-of-address", ["checklist_item_outstanding"], WhoMustAct.Partner },
        { "individual-basic-complete", ["document_awaiting_review", "under_review"], WhoMustAct.Reviewer },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Blockers_ForLevelTypeAndDefect_AreExactlyThese(string scenario, string[] codes, WhoMustAct who)
    {
        var customer = scenario switch
        {
            "individual-minimum-no-phone" => Created(CustomerType.Individual, VerificationLevel.Minimum, A.Person() with { Phone = null }),
            "individual-basic-no-identity-document" => Created(CustomerType.Individual, VerificationLevel.Basic, A.Person()),
            "individual-basic-hosted-no-identity-document" =>
                Created(CustomerType.Individual, VerificationLevel.Basic, A.Person(), documents: [A.Selfie()], model: VerificationModel.Hosted),
            "individual-advanced-old-proof-of-address" => Created(CustomerType.Individual, VerificationLevel.Advanced, A.Person(),
                documents: [A.Passport(), A.ProofOfAddress(new DateOnly(2026, 6, 1))]),
            "business-minimum-no-registration-number" =>
                Created(CustomerType.Business, VerificationLevel.Minimum, company: A.Company() with { RegistrationNumber = null }),
            "business-basic-no-owner" => Created(CustomerType.Business, VerificationLevel.Basic, company: A.Company(withOwner: false),
                documents: [new NewDocument(DocumentType.CertificateOfIncorporation, "CO")]),
            "business-advanced-no-proof-of-address" => Created(CustomerType.Business, VerificationLevel.Advanced, company: A.Company(),
                documents: [new NewDocument(DocumentType.CertificateOfIncorporation, "CO")]),
            _ => A.Pending(),
        };

        var blockers = BlockersAt(customer, A.T0.AddHours(3));

        Assert.Equal(codes, blockers.Select(b => b.Code).Order());
        Assert.Equal(who, blockers[0].Who);
    }

    [Fact]
    public void Blocker_OldProofOfAddress_SaysWhenItWasIssued()
    {
        var customer = Created(CustomerType.Individual, VerificationLevel.Advanced, A.Person(),
            documents: [A.Passport(), A.ProofOfAddress(new DateOnly(2026, 6, 1))]);

        var blocker = Assert.Single(BlockersAt(customer, A.T0));

        Assert.Equal("Proof of address was requested on 2 Nov 2026 and is still outstanding: "
            + "The proof of address was issued on 2026-06-01, more than 90 days ago.", blocker.Sentence);
        Assert.Equal("Ask the partner to send the proof of address; missing since 2 Nov 2026.", blocker.NextStep);
    }

    [Fact]
    public void Blocker_HostedChecklistItem_TellsSupportToResendTheUploadLink()
    {
        var customer = Created(CustomerType.Individual, VerificationLevel.Basic, A.Person(), documents: [A.Selfie()], model: VerificationModel.Hosted);

        var blocker = Assert.Single(BlockersAt(customer, A.T0));

        Assert.Equal(WhoMustAct.EndUser, blocker.Who);
        Assert.Equal("Ask the partner to send the end user the upload link; identity document missing since 2 Nov 2026.", blocker.NextStep);
    }

    [Fact]
    public void Blocker_UnderReview_IsDueAfterTheTargetAndOverdueLater()
    {
        var customer = A.Approvable();

        var onTime = Assert.Single(BlockersAt(customer, A.T0.AddHours(5)));
        var late = Assert.Single(BlockersAt(customer, A.T0.AddHours(30)));

        Assert.Equal("under_review", onTime.Code);
        Assert.Equal(A.T0.AddHours(24), onTime.DueBy);
        Assert.False(onTime.IsOverdue(A.T0.AddHours(5)));
        Assert.True(late.IsOverdue(A.T0.AddHours(30)));
        Assert.Equal("Waiting for a reviewer's decision for 30 hours against a 24 hours target.", late.Sentence);
    }

    [Fact]
    public void Blocker_WaitingOnTheCustomer_DoesNotCountAgainstTheReviewer()
    {
        var customer = A.Approvable();
        customer.RequestInformation(A.Reviewer, A.T0.AddHours(2), [new(RequirementCode.IdentityDocument, "Sharper photo.")], "Please resend.");
        var answered = A.T0.AddDays(3);
        customer.ProvideInformation(A.EndUser, answered, new CustomerChanges(Documents: [A.Passport()]), A.Policy);

        var review = BlockersAt(customer, answered.AddHours(1)).Single(b => b.Code == "under_review");

        Assert.Equal(answered, review.Since);
        Assert.Equal(answered.AddHours(24), review.DueBy);
    }

    [Fact]
    public void Blocker_HostedEmpty_WaitsForTheEndUser()
    {
        var blocker = Assert.Single(BlockersAt(A.HostedEmpty(), A.T0.AddDays(1)));

        Assert.Equal("awaiting_submission", blocker.Code);
        Assert.Equal(WhoMustAct.EndUser, blocker.Who);
    }

    [Fact]
    public void Blocker_OnHold_IsDueAtTheWakeUpDate()
    {
        var customer = A.InStatus(CustomerStatus.OnHold);

        var blocker = Assert.Single(BlockersAt(customer, A.T0.AddDays(1)));

        Assert.Equal("on_hold", blocker.Code);
        Assert.Equal(A.T0.AddDays(3), blocker.DueBy);
        Assert.Equal("On hold since 2 Nov 2026 until 5 Nov 2026: Waiting for the sanctions screening provider.", blocker.Sentence);
    }

    [Theory]
    [InlineData(true, "rejected_final", WhoMustAct.Nobody)]
    [InlineData(false, "rejected_retryable", WhoMustAct.Partner)]
    public void Blocker_Rejected_SaysWhetherAnyoneCanAct(bool final, string code, WhoMustAct who)
    {
        var customer = A.Approvable();
        customer.Reject(A.Reviewer, A.T0.AddHours(4), ["name_mismatch"], final, "The name does not match.", null);

        var blocker = Assert.Single(BlockersAt(customer, A.T0.AddDays(1)));

        Assert.Equal(code, blocker.Code);
        Assert.Equal(who, blocker.Who);
    }

    [Fact]
    public void Blocker_UpdateRequested_NamesTheChangedFieldsAndIsDueIn24Hours()
    {
        var customer = A.InStatus(CustomerStatus.UpdateRequested);

        var blocker = Assert.Single(BlockersAt(customer, A.T0.AddHours(6)));

        Assert.Equal("update_under_review", blocker.Code);
        Assert.Contains("An update of last name", blocker.Sentence);
        Assert.Equal(A.T0.AddHours(28), blocker.DueBy);
    }

    [Fact]
    public void Blocker_ActiveWithExpiredPassport_AsksForAValidDocument()
    {
        var customer = A.Active();

        var blockers = BlockersAt(customer, new DateTimeOffset(2031, 6, 1, 0, 0, 0, TimeSpan.Zero));

        var blocker = Assert.Single(blockers, b => b.Code == "identity_document_failed");
        Assert.Equal("Identity document for level basic: the passport expired on 2031-05-01.", blocker.Sentence);
        // Three years after the approval (a low risk), before the passport's expiry: the periodic review came first.
        Assert.Equal(new DateTimeOffset(2029, 11, 2, 0, 0, 0, TimeSpan.Zero), Assert.Single(blockers, b => b.Code == "periodic_review_due").Since);
        Assert.Equal(2, blockers.Count);
    }

    [Fact]
    public void Blocker_ActiveAndNothingPending_IsEmpty() => Assert.Empty(BlockersAt(A.Active(), A.T0.AddDays(1)));

    [Fact]
    public void Blocker_ReadyCardRequest_WaitsForAProductApproverFor48Hours()
    {
        var customer = A.Active();
        var request = A.CardRequest(customer);

        var blocker = Assert.Single(BlockersAt(customer, A.T0.AddHours(6), request));

        Assert.Equal("access_awaiting_decision", blocker.Code);
        Assert.Equal(WhoMustAct.ProductApprover, blocker.Who);
        Assert.Equal(request.RequestedAt.AddHours(48), blocker.DueBy);
    }

    [Fact]
    public void Blocker_VirtualAccountWithoutProofOfAddress_SaysWhichRequirementFails()
    {
        var customer = A.Active(VerificationLevel.Advanced);
        customer.AnswerSourceOfFunds(A.Partner, A.T0.AddHours(3), A.Questionnaire(), A.Policy);
        var request = AccessRequest.Request(A.Partner, A.T0.AddHours(5), customer, new ProductChoice(Product.VirtualAccount, Currency: "EUR"), []).Created!;

        var blockers = BlockersAt(customer, new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), request);

        Assert.Equal(["proof_of_address_failed", "access_blocked_requirement"], blockers.Select(b => b.Code));
        var blocker = blockers[1];
        Assert.Equal("Ask the partner to send a valid proof of address.", blockers[0].NextStep);
        Assert.StartsWith("Virtual account (EUR) is blocked: proof of address is not met (the proof of address was issued on 2026-10-20", blocker.Sentence);
    }

    [Fact]
    public void Blockers_WhatIsOverdue_ComesBeforeWhatIsOlder()
    {
        // The passport arrived at T0; the phone two days later, when the review clock started.
        var customer = Created(CustomerType.Individual, VerificationLevel.Basic, A.Person() with { Phone = null }, documents: [A.Passport()]);
        customer.ProvideInformation(A.Partner, A.T0.AddDays(2), new CustomerChanges(A.Person()), A.Policy);

        var onTime = BlockersAt(customer, A.T0.AddDays(2).AddHours(1));
        var overdue = BlockersAt(customer, A.T0.AddDays(3).AddHours(1));

        Assert.Equal(["document_awaiting_review", "under_review"], onTime.Select(b => b.Code));
        Assert.Equal(["under_review", "document_awaiting_review"], overdue.Select(b => b.Code));
    }

    [Fact]
    public void Blockers_AskedByAProductApprover_ListTheirMoveFirst()
    {
        var customer = A.Active(VerificationLevel.Advanced);
        var request = A.CardRequest(customer, A.T0.AddDays(1));
        var late = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero); // proof of address too old by now

        var blockers = BlockerEngine.For(customer, [request], A.Policy, Sla, late, asking: WhoMustAct.ProductApprover);

        Assert.Equal(["access_awaiting_decision", "proof_of_address_failed"], blockers.Select(b => b.Code));
    }

    [Theory]
    [InlineData(CustomerType.Individual, VerificationLevel.Minimum, 5)]
    [InlineData(CustomerType.Individual, VerificationLevel.Basic, 9)]
    [InlineData(CustomerType.Individual, VerificationLevel.Advanced, 10)]
    [InlineData(CustomerType.Business, VerificationLevel.Minimum, 5)]
    [InlineData(CustomerType.Business, VerificationLevel.Basic, 8)]
    [InlineData(CustomerType.Business, VerificationLevel.Advanced, 9)]
    public void Policy_DefaultLevels_MatchTheDomainTable(CustomerType type, VerificationLevel level, int count) =>
        Assert.Equal(count, A.Policy.ForLevel(type, level, VerificationModel.PartnerVerified).Count);

    [Fact]
    public void Policy_HostedCustomer_IsNotAskedForALivenessAttestation() =>
        Assert.DoesNotContain(RequirementCode.LivenessAttestation,
            A.Policy.ForLevel(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.Hosted));

    [Fact]
    public void Evaluate_AcceptedPassport_GivesItsEvidence()
    {
        var result = RequirementEngine.Evaluate(A.Active(), RequirementCode.IdentityDocument, A.Policy, new DateOnly(2026, 11, 3));

        Assert.Equal(RequirementState.Satisfied, result.State);
        Assert.Equal("Passport, accepted 2026-11-02, expires 2031-05-01", result.Evidence);
    }

    [Theory]
    [InlineData(5, SlaState.OnTime)]
    [InlineData(19, SlaState.DueSoon)]
    [InlineData(25, SlaState.Overdue)]
    public void Sla_PendingReview_MovesFromOnTimeToOverdue(int hours, SlaState expected) =>
        Assert.Equal(expected, Sla.StateOf(A.Approvable(), A.T0.AddHours(hours)));

    [Fact]
    public void Sla_WaitingOnTheCustomer_RunsNoTarget() =>
        Assert.Equal(SlaState.None, Sla.StateOf(A.InStatus(CustomerStatus.NeedsInformation), A.T0.AddDays(10)));

    [Fact]
    public void Blocker_Summary_IsAFewWords()
    {
        var customer = Created(CustomerType.Individual, VerificationLevel.Basic, A.Person());

        Assert.Equal("Needs identity document", BlockersAt(customer, A.T0)[0].Summary);
    }
}
