using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Domain.Risk;

namespace Onboarding.Ops.Domain.Customers;

/// <summary>
/// The customer's risk level with its reasons, assessed by the system whenever what it rests on changes. A high risk
/// raises the requirements (the source-of-funds questionnaire and a proof of address, whatever the level).
/// </summary>
public sealed partial class Customer
{
    public RiskLevel RiskLevel { get; private set; }
    public int RiskScore { get; private set; }
    public IReadOnlyList<RiskFactor> RiskFactors { get; private set; } = [];
    public DateTimeOffset? RiskAssessedAt { get; private set; }
    public int ReviewEveryYears { get; private set; } = ReviewSchedule.DefaultLowYears;

    /// <summary>
    /// Records a new assessment when it differs from the last; the entry names the level before and after and the
    /// factors that moved. The same assessment again changes nothing and records nothing.
    /// </summary>
    /// <remarks>
    /// An active customer approved before periodic reviews existed was never reviewed and has no review date: its
    /// assessment counts its activation as its last review, so it comes due like everyone else.
    /// </remarks>
    public void AssessRisk(Actor actor, DateTimeOffset at, RiskAssessment assessment)
    {
        Guard(CustomerAction.AssessRisk, actor, RequirementPolicy.Default, at);
        var neverReviewed = Status == CustomerStatus.Active && LastReviewedAt is null;
        if (RiskAssessedAt is not null && !neverReviewed && assessment == new RiskAssessment(RiskLevel, RiskScore, RiskFactors, ReviewEveryYears))
        {
            return;
        }
        var (levelBefore, factorsBefore) = (RiskAssessedAt is null ? null : (RiskLevel?)RiskLevel, RiskFactors);
        (RiskLevel, RiskScore, RiskFactors, RiskAssessedAt, ReviewEveryYears) =
            (assessment.Level, assessment.Score, assessment.Factors, at, assessment.ReviewEveryYears);
        if (neverReviewed)
        {
            LastReviewedAt = StatusChangedAt;
        }
        ScheduleReview();
        var moved = assessment.Factors.Except(factorsBefore).Select(f => new { f.Code, f.Detail, f.Points, change = "added" })
            .Concat(factorsBefore.Except(assessment.Factors).Select(f => new { f.Code, f.Detail, f.Points, change = "removed" }));
        Record(actor, at, levelBefore is { } was && was != RiskLevel ? "risk_level_changed" : "risk_assessed", Status, details: new
        {
            levelBefore = levelBefore?.ToString().ToLowerInvariant(),
            level = RiskLevel.ToString().ToLowerInvariant(),
            score = RiskScore,
            moved,
            nextReview = NextReviewOn?.ToString("yyyy-MM-dd"),
        });
    }

    /// <summary>What a high risk adds to the level's requirements.</summary>
    public IReadOnlyList<RequirementCode> RiskRequirements => RiskLevel != RiskLevel.High ? []
        : [RequirementCode.SourceOfFunds, Type == CustomerType.Business ? RequirementCode.BusinessProofOfAddress : RequirementCode.ProofOfAddress];
}
