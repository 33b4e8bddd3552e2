namespace Onboarding.Ops.Domain.FourEyes;

/// <summary>A kind of decision that, when its rule is on (Admin › Reference data), one reviewer stages and another confirms.</summary>
public enum SecondReviewRule
{
    FinalRejection,
    ApprovalWithClearedCheck,
    VirtualAccountGrant,
    AccessRevocation,
    /// <summary>Approving a customer (or an update) whose risk level is high.</summary>
    HighRiskApproval,
}

/// <summary>The rules switched on now. The domain asks these before applying a decision; an admin changes them.</summary>
public sealed record SecondReviewRules(IReadOnlySet<SecondReviewRule> On)
{
    /// <summary>What a new installation starts with: every rule on.</summary>
    public static readonly SecondReviewRules Default = new(Enum.GetValues<SecondReviewRule>().ToHashSet());
    public static readonly SecondReviewRules None = new(new HashSet<SecondReviewRule>());

    public bool Requires(SecondReviewRule rule) => On.Contains(rule);

    public static string Describe(SecondReviewRule rule) => rule switch
    {
        SecondReviewRule.FinalRejection => "a final rejection of a customer",
        SecondReviewRule.ApprovalWithClearedCheck => "approving a customer whose failed automated check was cleared",
        SecondReviewRule.VirtualAccountGrant => "granting a virtual account",
        SecondReviewRule.AccessRevocation => "revoking a granted product access",
        SecondReviewRule.HighRiskApproval => "approving a high-risk customer",
    };

    public static string Wire(SecondReviewRule rule) => rule switch
    {
        SecondReviewRule.FinalRejection => "final_rejection",
        SecondReviewRule.ApprovalWithClearedCheck => "approval_with_cleared_check",
        SecondReviewRule.VirtualAccountGrant => "virtual_account_grant",
        SecondReviewRule.AccessRevocation => "access_revocation",
        SecondReviewRule.HighRiskApproval => "high_risk_approval",
    };
}

/// <summary>The decisions that can be staged.</summary>
public enum StagedAction
{
    Approve,
    ApproveUpdate,
    Reject,
    Grant,
    Revoke,
}

/// <summary>
/// A decision one reviewer (the maker) took that waits for another (the checker): applied when confirmed, gone when sent
/// back or when the evidence it was taken on changes.
/// </summary>
public sealed record StagedDecision
{
    public StagedAction Action { get; init; }
    public SecondReviewRule Rule { get; init; }
    public IReadOnlyList<string> ReasonCodes { get; init; } = [];
    public bool Final { get; init; }
    public string? CustomerMessage { get; init; }
    public string? Note { get; init; }
    public string StagedById { get; init; } = "";
    public string StagedBy { get; init; } = "";
    public DateTimeOffset StagedAt { get; init; }
    /// <summary>An access request's: the customer's <c>EvidenceFingerprint</c> when staged; confirming on other evidence is refused.</summary>
    public string? Evidence { get; init; }

    public string Describe() => Action switch
    {
        StagedAction.Approve => "approval",
        StagedAction.ApproveUpdate => "approval of the update",
        StagedAction.Reject => Final ? "final rejection" : "rejection",
        StagedAction.Grant => "grant",
        StagedAction.Revoke => "revocation",
    };

    /// <summary>"an approval", "a final rejection": the decision with its article, for sentences.</summary>
    public string WithArticle() => ("aeiou".Contains(Describe()[0]) ? "an " : "a ") + Describe();

    /// <summary>What the confirming entry of the trail says of the two reviewers.</summary>
    public object Confirmation(Actor checker, DateTimeOffset at) => new
    {
        rule = SecondReviewRules.Wire(Rule),
        stagedBy = StagedBy,
        stagedById = StagedById,
        stagedAt = StagedAt,
        confirmedBy = checker.Name,
        confirmedById = checker.Id,
        confirmedAt = at,
    };

    /// <summary>The details of the entry that ends it unapplied (sent back, withdrawn or dropped).</summary>
    public object Ending() => new
    {
        decision = Describe(), rule = SecondReviewRules.Wire(Rule), stagedBy = StagedBy, stagedById = StagedById, stagedAt = StagedAt,
    };

    /// <summary>The staging entry's details.</summary>
    public object ForTrail() => new
    {
        decision = Describe(),
        rule = SecondReviewRules.Wire(Rule),
        reasonCodes = ReasonCodes.Count > 0 ? ReasonCodes : null,
        final = Action == StagedAction.Reject ? Final : (bool?)null,
        customerMessage = CustomerMessage,
    };
}
