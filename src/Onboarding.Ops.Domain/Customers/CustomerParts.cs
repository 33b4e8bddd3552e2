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

/// <summary>One automated check of a submission. A failed check blocks approval until a reviewer resolves it.</summary>
public sealed record CheckResult
{
    public string Code { get; init; } = "";
    public CheckOutcome Outcome { get; init; }
    public string Detail { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }
    public string? Resolution { get; init; }

    [JsonIgnore]
    public bool IsUnresolvedFailure => Outcome == CheckOutcome.Fail && ResolvedAt is null;
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

/// <summary>Data sent later by the partner or end user: whole replacements of the data, new documents, attestations.</summary>
public sealed record CustomerChanges(
    PersonData? Person = null,
    CompanyData? Company = null,
    IReadOnlyList<NewDocument>? Documents = null,
    bool LivenessAttested = false);
