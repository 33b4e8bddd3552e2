using Onboarding.Ops.Domain.Checks;

namespace Onboarding.Ops.Domain.Customers;

public enum EmploymentStatus
{
    Employed,
    SelfEmployed,
    Unemployed,
    Retired,
    Student,
}

public enum FundsSource
{
    Salary,
    SelfEmployment,
    Savings,
    Investments,
    Inheritance,
    Pension,
    BusinessRevenue,
    ShareholderCapital,
    Loans,
    Other,
}

/// <summary>Expected monthly volume through the account, in USD or its equivalent.</summary>
public enum MonthlyVolume
{
    Under1000,
    From1000To10000,
    From10000To50000,
    From50000To250000,
    Over250000,
}

/// <summary>One answer a question offers: its value, how partners write it, and how people read it.</summary>
public sealed record Choice<T>(T Value, string Wire, string Label) where T : struct, Enum;

/// <summary>The questionnaire's choices, in the order they are offered; the one table wire values and labels come from.</summary>
public static class SourceOfFundsChoices
{
    public static readonly IReadOnlyList<Choice<EmploymentStatus>> Employment =
    [
        new(EmploymentStatus.Employed, "employed", "Employed"),
        new(EmploymentStatus.SelfEmployed, "self_employed", "Self-employed"),
        new(EmploymentStatus.Unemployed, "unemployed", "Not working"),
        new(EmploymentStatus.Retired, "retired", "Retired"),
        new(EmploymentStatus.Student, "student", "Student"),
    ];

    public static readonly IReadOnlyList<Choice<FundsSource>> Sources =
    [
        new(FundsSource.Salary, "salary", "Salary"),
        new(FundsSource.SelfEmployment, "self_employment", "Income from self-employment"),
        new(FundsSource.Savings, "savings", "Savings"),
        new(FundsSource.Investments, "investments", "Investments"),
        new(FundsSource.Inheritance, "inheritance", "Inheritance or gift"),
        new(FundsSource.Pension, "pension", "Pension"),
        new(FundsSource.BusinessRevenue, "business_revenue", "Business revenue"),
        new(FundsSource.ShareholderCapital, "shareholder_capital", "Shareholders' capital"),
        new(FundsSource.Loans, "loans", "Loans or financing"),
        new(FundsSource.Other, "other", "Other"),
    ];

    public static readonly IReadOnlyList<Choice<MonthlyVolume>> Volumes =
    [
        new(MonthlyVolume.Under1000, "under_1000", "Under 1,000 USD"),
        new(MonthlyVolume.From1000To10000, "1000_to_10000", "1,000 to 10,000 USD"),
        new(MonthlyVolume.From10000To50000, "10000_to_50000", "10,000 to 50,000 USD"),
        new(MonthlyVolume.From50000To250000, "50000_to_250000", "50,000 to 250,000 USD"),
        new(MonthlyVolume.Over250000, "over_250000", "Over 250,000 USD"),
    ];

    /// <summary>Where a person's or a company's money may come from.</summary>
    public static IReadOnlyList<Choice<FundsSource>> SourcesFor(CustomerType type) => type == CustomerType.Individual
        ? [.. Sources.Where(s => s.Value is not (FundsSource.BusinessRevenue or FundsSource.ShareholderCapital))]
        : [.. Sources.Where(s => s.Value is FundsSource.BusinessRevenue or FundsSource.ShareholderCapital or FundsSource.Investments
            or FundsSource.Loans or FundsSource.Other)];

    public static string Label<T>(IReadOnlyList<Choice<T>> choices, T? value) where T : struct, Enum =>
        value is { } v ? choices.First(c => c.Value.Equals(v)).Label : "";

    public static string Wire<T>(IReadOnlyList<Choice<T>> choices, T? value) where T : struct, Enum =>
        value is { } v ? choices.First(c => c.Value.Equals(v)).Wire : "";
}

/// <summary>
/// The source-of-funds questionnaire as answered. A person answers occupation, employment status, source of funds,
/// expected monthly volume and the purpose of the account; a company its business activity, source of funds, expected
/// monthly volume and the countries it operates in.
/// </summary>
public sealed record SourceOfFundsAnswers
{
    public string? Occupation { get; init; }
    public EmploymentStatus? EmploymentStatus { get; init; }
    public string? BusinessActivity { get; init; }
    public FundsSource? Source { get; init; }
    public MonthlyVolume? ExpectedMonthlyVolume { get; init; }
    public string? Purpose { get; init; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public IReadOnlyList<string> CountriesOfOperation { get; init; } = [];

    public const int MaxTextLength = 200;

    /// <summary>What is missing or wrong for a customer of this type, in plain words; empty when complete.</summary>
    public IReadOnlyList<string> Problems(CustomerType type)
    {
        var problems = new List<string>();
        void Text(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{name} is missing");
            }
            else if (value.Trim().Length > MaxTextLength)
            {
                problems.Add($"{name} holds at most {MaxTextLength} characters");
            }
        }
        if (type == CustomerType.Individual)
        {
            Text("occupation", Occupation);
            if (EmploymentStatus is null)
            {
                problems.Add("employment status is missing");
            }
            Text("purpose of the account", Purpose);
        }
        else
        {
            Text("business activity", BusinessActivity);
            if (CountriesOfOperation.Count == 0)
            {
                problems.Add("countries of operation are missing");
            }
            else if (CountriesOfOperation.FirstOrDefault(c => !Countries.IsAlpha2(c)) is { } bad)
            {
                problems.Add($"'{bad}' is not an ISO 3166-1 alpha-2 country code");
            }
        }
        if (Source is not { } source)
        {
            problems.Add("source of funds is missing");
        }
        else if (SourceOfFundsChoices.SourcesFor(type).All(s => s.Value != source))
        {
            problems.Add($"source of funds '{SourceOfFundsChoices.Wire(SourceOfFundsChoices.Sources, source)}' does not apply to {(type == CustomerType.Individual ? "a person" : "a company")}");
        }
        if (ExpectedMonthlyVolume is null)
        {
            problems.Add("expected monthly volume is missing");
        }
        return problems;
    }

    /// <summary>The answers as the audit trail keeps them: choices by their wire names, readable without the code.</summary>
    internal object ForTrail() => new
    {
        Occupation, employmentStatus = EmploymentStatus is null ? null : SourceOfFundsChoices.Wire(SourceOfFundsChoices.Employment, EmploymentStatus),
        BusinessActivity, source = SourceOfFundsChoices.Wire(SourceOfFundsChoices.Sources, Source),
        expectedMonthlyVolume = SourceOfFundsChoices.Wire(SourceOfFundsChoices.Volumes, ExpectedMonthlyVolume), Purpose, CountriesOfOperation,
    };

    /// <summary>Only the answers that apply to the type, trimmed.</summary>
    internal SourceOfFundsAnswers Normalised(CustomerType type) => type == CustomerType.Individual
        ? this with { Occupation = Occupation?.Trim(), Purpose = Purpose?.Trim(), BusinessActivity = null, CountriesOfOperation = [] }
        : this with
        {
            BusinessActivity = BusinessActivity?.Trim(), Occupation = null, EmploymentStatus = null, Purpose = null,
            CountriesOfOperation = [.. CountriesOfOperation.Select(c => c.Trim().ToUpperInvariant()).Distinct()],
        };
}

/// <summary>A complete questionnaire with who answered it and when; replaced only by a new answer.</summary>
public sealed record SourceOfFunds
{
    public SourceOfFundsAnswers Answers { get; init; } = new();
    public DateTimeOffset AnsweredAt { get; init; }
    public string AnsweredBy { get; init; } = "";
    public ActorKind AnsweredByKind { get; init; }
}
