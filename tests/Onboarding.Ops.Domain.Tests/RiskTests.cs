using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.FourEyes;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Domain.Risk;
using Onboarding.Ops.Domain.Screening;

namespace Onboarding.Ops.Domain.Tests;

/// <summary>The risk level: transparent factors, admin thresholds, recorded when it moves; a high risk asks for more.</summary>
public sealed class RiskTests
{
    private static readonly DateTimeOffset Now = A.T0.AddHours(10);
    private static readonly RiskPolicy Policy = new(new Dictionary<string, int> { ["CO"] = 15, ["VE"] = 30 }, MediumFrom: 25, HighFrom: 50);

    private static Customer ConfirmedPep()
    {
        var customer = A.Approvable();
        customer.RecordScreening(Actor.System, A.T0.AddHours(1), [A.Hit(pep: true)], "Demo v1");
        customer.DecideHit(A.Reviewer, A.T0.AddHours(2), A.Hit(pep: true).Id, HitVerdict.TrueMatch, "She is the listed deputy minister.");
        customer.TakeNewAuditEntries();
        return customer;
    }

    [Fact]
    public void EachFactor_AddsItsPoints_AndTheScoreMakesTheLevel()
    {
        var customer = A.Approvable(); // partner verified, Colombian

        var plain = Policy.Assess(customer, []);
        Assert.Equal([("country", 15), ("verification", 5)], plain.Factors.Select(f => (f.Code, f.Points)));
        Assert.Equal((RiskLevel.Low, 20), (plain.Level, plain.Score));
        Assert.Contains("residence CO", plain.Factors[0].Detail);

        var withAccount = Policy.Assess(customer, [Product.VirtualAccount]);
        Assert.Equal((RiskLevel.Medium, 30), (withAccount.Level, withAccount.Score));

        var pep = Policy.Assess(ConfirmedPep(), [Product.Cards]);
        Assert.Equal((RiskLevel.High, 70), (pep.Level, pep.Score));
        Assert.Contains(pep.Factors, f => f.Code == "pep" && f.Points == RiskPolicy.PepConfirmed);
    }

    [Fact]
    public void AnUndecidedHit_CountsAsPossible_ADecidedFalseOneNotAtAll()
    {
        var customer = A.Approvable();
        customer.RecordScreening(Actor.System, A.T0.AddHours(1), [A.Hit()], "Demo v1");
        Assert.Contains(Policy.Assess(customer, []).Factors, f => f.Code == "sanctions_possible");

        customer.DecideHit(A.Reviewer, A.T0.AddHours(2), A.Hit().Id, HitVerdict.FalsePositive, "Another person.");
        Assert.DoesNotContain(Policy.Assess(customer, []).Factors, f => f.Code.Contains("sanctions"));
    }

    [Fact]
    public void ABusiness_InARiskyActivity_WithHighVolume_ScoresEachOfThem()
    {
        var company = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Business, VerificationLevel.Basic, VerificationModel.Hosted,
            "lumen-wallet", Company: A.Company()), A.Policy);
        company.AnswerSourceOfFunds(A.Partner, A.T0.AddHours(1), A.CompanyQuestionnaire() with
            { BusinessActivity = "Crypto asset brokerage", ExpectedMonthlyVolume = MonthlyVolume.Over250000 }, A.Policy);

        var assessed = new RiskPolicy(new Dictionary<string, int>(), 25, 50).Assess(company, []);

        Assert.Equal(["business", "activity", "volume"], assessed.Factors.Select(f => f.Code));
        Assert.Equal((RiskLevel.High, 50), (assessed.Level, assessed.Score));
    }

    [Theory]
    [InlineData(24, RiskLevel.Low)]
    [InlineData(25, RiskLevel.Medium)]
    [InlineData(49, RiskLevel.Medium)]
    [InlineData(50, RiskLevel.High)]
    public void TheThresholds_AreInclusive(int score, RiskLevel level) => Assert.Equal(level, Policy.LevelOf(score));

    [Fact]
    public void AChangeOfLevel_IsRecordedWithTheFactorsThatMoved_TheSameAssessmentAgainIsNot()
    {
        var customer = A.Approvable();
        customer.TakeNewAuditEntries();
        customer.AssessRisk(Actor.System, Now, Policy.Assess(customer, []));
        Assert.Equal("risk_assessed", Assert.Single(customer.TakeNewAuditEntries()).Action);

        customer.AssessRisk(Actor.System, Now.AddMinutes(1), Policy.Assess(customer, []));
        Assert.Empty(customer.TakeNewAuditEntries());

        customer.AssessRisk(Actor.System, Now.AddMinutes(2), Policy.Assess(customer, [Product.VirtualAccount]));
        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal("risk_level_changed", entry.Action);
        Assert.Contains("\"levelBefore\":\"low\",\"level\":\"medium\",\"score\":30", entry.Details);
        Assert.Contains("\"code\":\"product\"", entry.Details);
        Assert.Equal((RiskLevel.Medium, 30), (customer.RiskLevel, customer.RiskScore));
        Assert.Throws<DomainRuleException>(() => customer.AssessRisk(A.Reviewer, Now, Policy.Assess(customer, [])));
    }

    [Fact]
    public void AHighRisk_AsksForTheQuestionnaireAndAProofOfAddress_WhateverTheLevel()
    {
        var customer = ConfirmedPep();
        Assert.Null(customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now));

        customer.AssessRisk(Actor.System, Now, Policy.Assess(customer, []));

        Assert.Equal(RiskLevel.High, customer.RiskLevel);
        Assert.Equal([RequirementCode.SourceOfFunds, RequirementCode.ProofOfAddress], customer.RiskRequirements);
        Assert.Contains("source-of-funds questionnaire", customer.WhyNot(CustomerAction.Approve, A.Reviewer, A.Policy, Now));
    }

    [Fact]
    public void ApprovingAHighRiskCustomer_IsStagedForASecondReviewer_WhenTheRuleIsOn()
    {
        var customer = A.Approvable(VerificationLevel.Advanced); // with an accepted proof of address
        customer.AnswerSourceOfFunds(A.Partner, A.T0.AddHours(1), A.Questionnaire(), A.Policy);
        customer.RecordScreening(Actor.System, A.T0.AddHours(1), [A.Hit(pep: true)], "Demo v1");
        customer.DecideHit(A.Reviewer, A.T0.AddHours(2), A.Hit(pep: true).Id, HitVerdict.TrueMatch, "She is the listed deputy minister.");
        customer.AssessRisk(Actor.System, Now, Policy.Assess(customer, []));
        Assert.Equal(RiskLevel.High, customer.RiskLevel);

        Assert.Equal(DecisionEffect.Applied, A.Approvable().Approve(A.Reviewer, Now, A.Policy, rules: SecondReviewRules.Default));
        var effect = customer.Approve(A.Reviewer, Now, A.Policy, rules: SecondReviewRules.Default);

        Assert.Equal(DecisionEffect.Staged, effect);
        Assert.Equal(SecondReviewRule.HighRiskApproval, customer.Staged!.Rule);
    }

    [Theory]
    [InlineData("XX", 10, "a reason", "not an ISO 3166-1 alpha-2 country code")]
    [InlineData("PA", 0, "a reason", "1 to 100 points")]
    [InlineData("PA", 101, "a reason", "1 to 100 points")]
    [InlineData("PA", 10, " ", "Say why")]
    public void ACountryRisk_IsRefused_WithTheReason(string code, int points, string reason, string expected)
    {
        var refused = Assert.Throws<DomainRuleException>(() => CountryRisk.Add(Actor.Admin("admin", "Ada Admin"), Now, code, points, reason));
        Assert.Contains(expected, refused.Message);
        Assert.Throws<DomainRuleException>(() => CountryRisk.Add(A.Reviewer, Now, "PA", 10, "Offshore centre"));
    }

    [Fact]
    public void Thresholds_MustLeaveRoomForMedium()
    {
        Assert.Null(RiskThresholds.Problem(25, 50));
        Assert.NotNull(RiskThresholds.Problem(0, 50));
        Assert.NotNull(RiskThresholds.Problem(50, 50));
    }
}
