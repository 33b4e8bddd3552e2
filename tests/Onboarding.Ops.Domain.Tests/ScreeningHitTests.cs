using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.FourEyes;
using Onboarding.Ops.Domain.Screening;

namespace Onboarding.Ops.Domain.Tests;

/// <summary>Screening hits: recorded by the system, decided by a reviewer, standing in the way of approval until then.</summary>
public sealed class ScreeningHitTests
{
    private static readonly DateTimeOffset Now = A.T0.AddHours(10);

    private static Customer Screened(params ScreeningHit[] hits)
    {
        var customer = A.Approvable();
        customer.RecordScreening(Actor.System, A.T0.AddHours(1), hits, "Demo sanctions v1");
        customer.TakeNewAuditEntries();
        return customer;
    }

    [Fact]
    public void AnOpenHit_BlocksApproval_AndIsTheReviewersBlocker()
    {
        var customer = Screened(A.Hit());

        Assert.Equal(1, customer.OpenHits);
        Assert.Equal("Approve is unavailable: the sanctions screening hit on Camila Restrepo Vélez (Demo sanctions, Fictional Sanctions Programme A) is not decided.",
            customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now));
        var blocker = BlockerEngine.For(customer, [], A.Policy, SlaTargets.Default, Now).Single(b => b.Code == BlockerEngine.ScreeningHitOpen);
        Assert.Equal((WhoMustAct.Reviewer, A.T0.AddHours(1)), (blocker.Who, blocker.Since));
        Assert.Contains("The customer may be Camila Restrepo Vélez", blocker.Sentence);
    }

    [Fact]
    public void FalsePositive_NeedsANote_ThenApprovalIsPossible()
    {
        var customer = Screened(A.Hit());

        var refused = Assert.Throws<DomainRuleException>(() => customer.DecideHit(A.Reviewer, Now, A.Hit().Id, HitVerdict.FalsePositive, " "));
        Assert.Contains("needs a note", refused.Message);
        Assert.Empty(customer.TakeNewAuditEntries());

        customer.DecideHit(A.Reviewer, Now, A.Hit().Id, HitVerdict.FalsePositive, "Born 1991 in Colombia; the listed person was born 1963.");

        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal(("screening_hit_cleared", "Born 1991 in Colombia; the listed person was born 1963."), (entry.Action, entry.Note));
        Assert.Equal((0, HitVerdict.FalsePositive, A.Reviewer.Name), (customer.OpenHits, customer.ScreeningHits[0].Verdict, customer.ScreeningHits[0].DecidedBy));
        Assert.Null(customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now));
    }

    [Fact]
    public void TrueSanctionsMatch_KeepsBlocking_UntilRejected()
    {
        var customer = Screened(A.Hit());

        customer.DecideHit(A.Reviewer, Now, A.Hit().Id, HitVerdict.TrueMatch, null);

        Assert.Equal("screening_hit_confirmed", Assert.Single(customer.TakeNewAuditEntries()).Action);
        Assert.Contains("confirmed the sanctions match", customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now));
        Assert.Contains(BlockerEngine.For(customer, [], A.Policy, SlaTargets.Default, Now), b => b.Code == BlockerEngine.ScreeningMatchConfirmed);
        customer.Reject(A.Reviewer, Now, ["sanctions_match"], final: true, "We cannot offer you an account.", null, rules: null);
        Assert.DoesNotContain(BlockerEngine.For(customer, [], A.Policy, SlaTargets.Default, Now), b => b.Code.Contains("screening") || b.Code.Contains("sanctions_match_"));
    }

    [Fact]
    public void TruePepMatch_DoesNotBlockApproval()
    {
        var customer = Screened(A.Hit(pep: true));

        customer.DecideHit(A.Reviewer, Now, A.Hit(pep: true).Id, HitVerdict.TrueMatch, "Deputy minister until 2024.");

        Assert.Null(customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now));
        Assert.DoesNotContain(BlockerEngine.For(customer, [], A.Policy, SlaTargets.Default, Now), b => b.Code.StartsWith("screening") || b.Code.StartsWith("sanctions"));
    }

    [Fact]
    public void AHitDecidedFalse_IsNotRaisedAgain_ForTheSameEntryAndData_ButIsForChangedData()
    {
        var customer = Screened(A.Hit());
        customer.DecideHit(A.Reviewer, Now, A.Hit().Id, HitVerdict.FalsePositive, "Another person.");

        customer.RecordScreening(Actor.System, Now.AddDays(1), [A.Hit() with { ListVersion = 2 }], "Demo sanctions v2");
        Assert.Equal((0, HitVerdict.FalsePositive, 2), (customer.OpenHits, customer.ScreeningHits[0].Verdict, customer.ScreeningHits[0].ListVersion));
        Assert.DoesNotContain("\"raised\":[", customer.TakeNewAuditEntries().Last().Details);

        var moved = A.Person() with { Nationality = "VE" };
        customer.RecordScreening(Actor.System, Now.AddDays(2), [A.Hit(person: moved)], "Demo sanctions v2");
        Assert.Equal((1, (HitVerdict?)null), (customer.OpenHits, customer.ScreeningHits[0].Verdict));
        Assert.Contains("\"raised\":[", customer.TakeNewAuditEntries().Last().Details);
    }

    [Fact]
    public void ADecidedHit_CannotBeDecidedAgain_AndOnlyReviewersDecide()
    {
        var customer = Screened(A.Hit());

        Assert.Equal("Decide screening hit is unavailable: only a reviewer can do this.", customer.WhyNotDecideHit(A.Support, A.Hit().Id));
        Assert.Equal("Decide screening hit is unavailable: only a reviewer can do this.", customer.WhyNotDecideHit(A.Approver, A.Hit().Id));
        Assert.Equal("Decide hit refused: there is no such screening hit.", customer.WhyNotDecideHit(A.Reviewer, "nope"));
        customer.DecideHit(A.Reviewer, Now, A.Hit().Id, HitVerdict.TrueMatch, null);
        Assert.Throws<DomainRuleException>(() => customer.DecideHit(A.Reviewer, Now, A.Hit().Id, HitVerdict.FalsePositive, "Changed my mind."));
        Assert.Equal(HitVerdict.TrueMatch, customer.ScreeningHits[0].Verdict);
    }

    [Fact]
    public void ANewHit_DropsAStagedDecision()
    {
        var customer = A.Approvable();
        customer.Reject(A.Reviewer, Now, ["suspected_fraud"], final: true, "We cannot offer you an account.", null, SecondReviewRules.Default);
        Assert.NotNull(customer.Staged);

        customer.RecordScreening(Actor.System, Now.AddMinutes(5), [A.Hit()], "Demo sanctions v1");

        Assert.Null(customer.Staged);
        Assert.Contains(customer.TakeNewAuditEntries(), e => e.Action == "staged_decision_dropped");
    }

    [Fact]
    public void ACompany_IsScreenedWithEachBeneficialOwner_AndAPersonAsThemselves()
    {
        var company = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Business, VerificationLevel.Basic, VerificationModel.PartnerVerified,
            "lumen-wallet", Company: A.Company()), A.Policy);

        var parties = company.ScreenedParties();

        Assert.Equal(["customer", "owner 1"], parties.Select(p => p.Party));
        Assert.False(parties[0].IsPerson);
        Assert.True(parties[1].IsPerson);
        var person = Assert.Single(A.Approvable().ScreenedParties());
        Assert.Equal(("Camila Restrepo", new DateOnly(1991, 4, 17)), (person.Name, person.BirthDate));
        Assert.Equal(["CO"], person.Countries);
        Assert.Equal(["1020304050"], person.Identifiers);
    }

    [Fact]
    public void WithdrawingErasesTheHits()
    {
        var customer = Screened(A.Hit());

        customer.Withdraw(A.Partner, Now);

        Assert.Empty(customer.ScreeningHits);
        Assert.Equal(0, customer.OpenHits);
    }
}
