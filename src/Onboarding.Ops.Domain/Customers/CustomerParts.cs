using System.Text.Json.Serialization;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Customers;

/// <summary>One item of an information request: which requirement, and a short instruction for the customer.</summary>
public sealed record ChecklistItem
{
    public RequirementCode Code { get; init; }
    public string Instruction { get; init; } = "";
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? ProvidedAt { get; init; }

    [JsonIgnore]
    public bool IsOpen => ProvidedAt is null;
}

/// <summary>What a reviewer asks for: a requirement and an instruction.</summary>
public sealed record ChecklistRequest(RequirementCode Code, string Instruction);

public sealed record Hold
{
    public string Reason { get; init; } = "";
    public CustomerStatus HeldFrom { get; init; }
    public DateTimeOffset Since { get; init; }
    public DateTimeOffset? WakeUpAt { get; init; }
    public string By { get; init; } = "";
}

public sealed record Rejection
{
    public IReadOnlyList<string> ReasonCodes { get; init; } = [];
    public bool Final { get; init; }
    public string CustomerMessage { get; init; } = "";
    public string? InternalNote { get; init; }
    public DateTimeOffset At { get; init; }
    public string By { get; init; } = "";
}

public enum CheckOutcome
{
    Pass,
    Warn,
    Fail,
}

public enum CheckVerdict
{
    /// <summary>A false positive: the finding does not stand (a note says why).</summary>
    Cleared,

    /// <summary>The finding stands: the customer is rejected with the check's reason code.</summary>
    Confirmed,
}

/// <summary>
/// One automated check of a submission. A failed check blocks approval until a reviewer clears it; a warning is
/// resolved the same way but does not block. A resolution holds for the data it was made on (<see cref="Basis"/>).
/// </summary>
public sealed record CheckResult
{
    public string Code { get; init; } = "";
    public CheckOutcome Outcome { get; init; }
    public string Detail { get; init; } = "";
    public DateTimeOffset At { get; init; }
    /// <summary>Other customers the check found (the duplicate check), to compare side by side.</summary>
    public IReadOnlyList<Guid> Related { get; init; } = [];
    /// <summary>A fingerprint of the data the check looked at; when it changes, an earlier resolution no longer holds.</summary>
    public string Basis { get; init; } = "";
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }
    /// <summary>The reviewer's note on the resolution.</summary>
    public string? Resolution { get; init; }
    /// <summary>Null until a reviewer resolves the check (and for resolutions recorded before verdicts existed, which cleared).</summary>
    public CheckVerdict? Verdict { get; init; }

    /// <summary>A failure or warning no reviewer has resolved yet.</summary>
    [JsonIgnore]
    public bool IsOpen => Outcome != CheckOutcome.Pass && ResolvedAt is null;

    /// <summary>A failure that blocks approval: not resolved, or confirmed by a reviewer.</summary>
    [JsonIgnore]
    public bool IsUnresolvedFailure => Outcome == CheckOutcome.Fail && (ResolvedAt is null || Verdict == CheckVerdict.Confirmed);
}

/// <summary>
/// Changed data of a verified customer (name, birth date, address...), kept beside the verified data until a reviewer
/// approves it (it becomes the verified data) or declines it (the verified data stays).
/// </summary>
public sealed record ProposedUpdate
{
    public PersonData? Person { get; init; }
    public CompanyData? Company { get; init; }
    public IReadOnlyList<FieldChange> Changes { get; init; } = [];
    public DateTimeOffset SubmittedAt { get; init; }
    public string SubmittedBy { get; init; } = "";
}

/// <summary>A reviewer declined an update: the verified data stayed; the partner is told why.</summary>
public sealed record DeclinedUpdate
{
    public IReadOnlyList<string> ReasonCodes { get; init; } = [];
    public string CustomerMessage { get; init; } = "";
    public IReadOnlyList<FieldChange> Changes { get; init; } = [];
    public DateTimeOffset At { get; init; }
    public string By { get; init; } = "";
}

/// <summary>What a customer is created with.</summary>
public sealed record NewCustomer(
    CustomerType Type,
    VerificationLevel Level,
    VerificationModel Model,
    string PartnerId,
    string? PartnerReference = null,
    PersonData? Person = null,
    CompanyData? Company = null,
    IReadOnlyList<NewDocument>? Documents = null,
    bool LivenessAttested = false);

/// <summary>
/// Data sent later by the partner or end user: whole replacements of the data, new documents, attestations, the
/// source-of-funds questionnaire. <see cref="Confirmed"/> names the fields the sender sent explicitly (a checklist item
/// for a field is closed by that field, changed or re-confirmed, never by another).
/// </summary>
public sealed record CustomerChanges(
    PersonData? Person = null,
    CompanyData? Company = null,
    IReadOnlyList<NewDocument>? Documents = null,
    bool LivenessAttested = false,
    SourceOfFundsAnswers? SourceOfFunds = null,
    IReadOnlySet<RequirementCode>? Confirmed = null);
