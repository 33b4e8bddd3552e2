using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Risk;

namespace Onboarding.Ops.Domain.Tests;

/// <summary>Periodic review: the next date from the risk level and the documents, and the three ways a review ends.</summary>
public sealed class PeriodicReviewTests
{
    private static readonly DateTimeOffset Due = A.T0.AddDays(4);
    private static readonly RiskAssessment Low = new(RiskLevel.Low, 5, [new("verification", "partner verified", 5)]);

    [Fact]
    public void Approval_SchedulesTheNextReview_ByTheRiskLevel_OrSoonerByAnExpiringDocument()
    {
        var customer = A.Active(); // low risk (never assessed): three years

        Assert.Equal(A.T0.AddHours(2), customer.LastReviewedAt);
        Assert.Equal(new DateOnly(2029, 11, 2), customer.NextReviewOn);
        Assert.Equal(new DateOnly(2026, 11, 5), A.ActiveDueForReview().NextReviewOn); // its passport expires first
    }

    [Fact]
    public void AHigherRisk_BringsTheNextReviewForward()
    {
        var customer = A.Active();

        customer.AssessRisk(Actor.System, A.T0.AddDays(1), new RiskAssessment(RiskLevel.High, 60, [new("pep", "confirmed PEP", 60)], ReviewEveryYears: 1));

        Assert.Equal(new DateOnly(2027, 11, 2), customer.NextReviewOn);
        Assert.Contains("\"nextReview\":\"2027-11-02\"", customer.TakeNewAuditEntries().Last().Details);
    }

    [Fact]
    public void ACustomerApprovedBeforeReviewsExisted_GetsItsFirstReviewDate_FromItsAssessment_CountedFromItsApproval()
    {
        // As an older version left it: active, never reviewed, no review date, and (here) assessed already.
        var customer = A.Active();
        customer.AssessRisk(Actor.System, A.T0.AddDays(1), Low);
        typeof(Customer).GetProperty(nameof(Customer.LastReviewedAt))!.SetValue(customer, null);
        typeof(Customer).GetProperty(nameof(Customer.NextReviewOn))!.SetValue(customer, null);
        customer.TakeNewAuditEntries();

        customer.AssessRisk(Actor.System, A.T0.AddDays(400), Low);

        Assert.Equal(A.T0.AddHours(2), customer.LastReviewedAt); // its approval
        Assert.Equal(new DateOnly(2029, 11, 2), customer.NextReviewOn);
        Assert.Contains("\"nextReview\":\"2029-11-02\"", Assert.Single(customer.TakeNewAuditEntries()).Details);

        // Scheduled now, the same assessment again changes and records nothing.
        customer.AssessRisk(Actor.System, A.T0.AddDays(401), Low);
        Assert.Empty(customer.TakeNewAuditEntries());
    }

    [Fact]
    public void NoChange_IsRefusedBeforeTheDueDate_AndNeedsANote_ThenSchedulesTheNext()
    {
        var early = A.Active();
        Assert.Equal("Complete review (no change) is unavailable: the next periodic review is due on 2029-11-02.",
            Assert.Throws<DomainRuleException>(() => early.CompleteReview(A.Reviewer, Due, "Looked at it.")).Message);

        var customer = A.ActiveDueForReview();
        customer.TakeNewAuditEntries();
        Assert.Throws<DomainRuleException>(() => customer.CompleteReview(A.Reviewer, Due, " "));
        Assert.Throws<DomainRuleException>(() => customer.CompleteReview(A.Support, Due, "Looked at it."));

        customer.CompleteReview(A.Reviewer, Due, "Renewed passport seen with the partner; screening clear.");

        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal(("periodic_review_completed", "active"), (entry.Action, entry.StatusAfter));
        Assert.Equal(Due, customer.LastReviewedAt);
        // The accepted passport on file has still expired: the review is due again at once, for the document.
        Assert.True(customer.IsReviewDue(Due));
    }

    [Fact]
    public void ADueReview_ShowsAsTheReviewersBlocker_AndMayEndInARejection()
    {
        var customer = A.ActiveDueForReview();

        var blocker = BlockerEngine.For(customer, [], A.Policy, SlaTargets.Default, Due).Single(b => b.Code == BlockerEngine.PeriodicReviewDue);
        Assert.Equal((WhoMustAct.Reviewer, new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero)), (blocker.Who, blocker.Since));
        Assert.Contains("Reject is unavailable: an active customer is rejected at a periodic review", A.Active().WhyNot(CustomerAction.Reject, A.Reviewer, A.Policy, Due));

        customer.Reject(A.Reviewer, Due, ["document_expired"], final: false, "Your passport has expired; send a valid one to reopen.", null, rules: null);

        Assert.Equal(CustomerStatus.Rejected, customer.Status);
        Assert.Contains(customer.TakeNewEvents(), e => e is StatusChanged { Before: CustomerStatus.Active, After: CustomerStatus.Rejected });
    }

    [Fact]
    public void RequestingInformation_AtAReview_AndApprovingAgain_CountsAsTheReview()
    {
        var customer = A.ActiveDueForReview();
        customer.RequestInformation(A.Reviewer, Due, [new(Requirements.RequirementCode.IdentityDocument, "A passport valid for six months or more.")],
            "Your passport has expired: please send the new one.");
        customer.ReceiveData(A.Partner, Due.AddDays(1), new CustomerChanges(null, null, [A.Passport()]), A.Policy);
        customer.AcceptDocument(A.Reviewer, Due.AddDays(2), customer.Documents.Last().Id);
        customer.Approve(A.Reviewer, Due.AddDays(2), A.Policy);

        Assert.Equal(Due.AddDays(2), customer.LastReviewedAt);
        Assert.False(customer.IsReviewDue(Due.AddDays(3)));
    }
}
