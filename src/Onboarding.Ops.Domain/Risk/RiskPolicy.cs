using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Screening;

namespace Onboarding.Ops.Domain.Risk;

public enum RiskLevel
{
    Low,
    Medium,
    High,
}

/// <summary>One reason of a customer's risk score: a stable code, what it found in plain words, and its points.</summary>
public sealed record RiskFactor(string Code, string Detail, int Points);

/// <summary>
/// A customer's risk: the level its score reaches, every factor that made the score, and how often an active customer
/// of that level is reviewed again (years).
/// </summary>
public sealed record RiskAssessment(RiskLevel Level, int Score, IReadOnlyList<RiskFactor> Factors, int ReviewEveryYears = ReviewSchedule.DefaultLowYears)
{
    public bool Equals(RiskAssessment? other) => other is not null && Level == other.Level && Score == other.Score
        && ReviewEveryYears == other.ReviewEveryYears && Factors.SequenceEqual(other.Factors);

    public override int GetHashCode() => HashCode.Combine(Level, Score, ReviewEveryYears, Factors.Count);
}

/// <summary>How many years pass between periodic reviews at each level (admin-editable; defaults 1, 2 and 3).</summary>
public sealed record ReviewSchedule(int HighYears = 1, int MediumYears = 2, int LowYears = ReviewSchedule.DefaultLowYears)
{
    public const int DefaultLowYears = 3;
    public static readonly ReviewSchedule Default = new();

    public int For(RiskLevel level) => level switch
    {
        RiskLevel.High => HighYears,
        RiskLevel.Medium => MediumYears,
        _ => LowYears,
    };

    /// <summary>Null when the schedule can be used; otherwise why not.</summary>
    public string? Problem() =>
        new[] { HighYears, MediumYears, LowYears }.Any(y => y is < 1 or > 10) ? "Reviews are due every 1 to 10 years."
        : HighYears > MediumYears || MediumYears > LowYears ? "A higher risk is reviewed at least as often as a lower one."
        : null;
}

/// <summary>
/// The rule-based risk score: transparent factors, each adding its points, and two thresholds making the level.
/// Admins edit the country points and the thresholds (Admin › Reference data); the other points are fixed here, so a
/// reviewer can read exactly why a customer is where it is.
/// </summary>
public sealed record RiskPolicy(IReadOnlyDictionary<string, int> CountryPoints, int MediumFrom, int HighFrom, ReviewSchedule? Review = null)
{
    public static readonly RiskPolicy Default = new(new Dictionary<string, int>(), 25, 50);

    public ReviewSchedule Schedule => Review ?? ReviewSchedule.Default;

    public const int PepConfirmed = 50;
    public const int PepPossible = 20;
    public const int SanctionsPossible = 30;
    public const int Business = 10;
    public const int RiskyActivity = 20;
    public const int PartnerAttestedLiveness = 5;
    public const int VirtualAccount = 10;
    public const int VolumeHigh = 10;
    public const int VolumeVeryHigh = 20;

    /// <summary>Activities money launderers favour; a business declaring one scores <see cref="RiskyActivity"/>.</summary>
    public static readonly IReadOnlyList<string> RiskyActivities =
        ["crypto", "money transfer", "remittance", "currency exchange", "gambling", "casino", "betting", "arms", "precious metals", "jewel", "shell"];

    public RiskLevel LevelOf(int score) => score >= HighFrom ? RiskLevel.High : score >= MediumFrom ? RiskLevel.Medium : RiskLevel.Low;

    /// <summary>The customer's risk as under review, with the products it has requested.</summary>
    public RiskAssessment Assess(Customer customer, IReadOnlyCollection<Product> requested)
    {
        var factors = new List<RiskFactor>();
        var country = Countries(customer).Select(c => (c.Code, c.Why, Points: CountryPoints.GetValueOrDefault(c.Code)))
            .OrderByDescending(c => c.Points).FirstOrDefault();
        if (country.Points > 0)
        {
            factors.Add(new("country", $"{country.Why} {country.Code} is on the country risk list", country.Points));
        }
        var hits = customer.ScreeningHits;
        if (hits.FirstOrDefault(h => h.IsPep && h.Verdict == HitVerdict.TrueMatch) is { } pep)
        {
            factors.Add(new("pep", $"confirmed politically exposed person ({pep.EntryName})", PepConfirmed));
        }
        else if (hits.FirstOrDefault(h => h.IsPep && h.IsOpen) is { } possiblePep)
        {
            factors.Add(new("pep_possible", $"possible politically exposed person, not decided ({possiblePep.EntryName})", PepPossible));
        }
        if (hits.FirstOrDefault(h => !h.IsPep && h.BlocksApproval) is { } sanctions)
        {
            factors.Add(new("sanctions_possible", $"sanctions screening hit {(sanctions.IsOpen ? "not decided" : "confirmed")} ({sanctions.EntryName})", SanctionsPossible));
        }
        if (customer.Type == CustomerType.Business)
        {
            factors.Add(new("business", "a company (beneficial owners stand behind it)", Business));
            var activity = customer.SourceOfFunds?.Answers.BusinessActivity;
            if (activity is not null && RiskyActivities.FirstOrDefault(a => activity.Contains(a, StringComparison.OrdinalIgnoreCase)) is { } risky)
            {
                factors.Add(new("activity", $"business activity \"{activity}\" involves {risky}", RiskyActivity));
            }
        }
        if (customer.Model == VerificationModel.PartnerVerified)
        {
            factors.Add(new("verification", "liveness attested by the partner, not seen by staff", PartnerAttestedLiveness));
        }
        if (requested.Contains(Product.VirtualAccount))
        {
            factors.Add(new("product", "a virtual account requested", VirtualAccount));
        }
        switch (customer.SourceOfFunds?.Answers.ExpectedMonthlyVolume)
        {
            case MonthlyVolume.From10000To50000:
                factors.Add(new("volume", "expected monthly volume 10,000 to 50,000", VolumeHigh));
                break;
            case MonthlyVolume.From50000To250000 or MonthlyVolume.Over250000:
                factors.Add(new("volume", "expected monthly volume above 50,000", VolumeVeryHigh));
                break;
        }
        var score = factors.Sum(f => f.Points);
        return new RiskAssessment(LevelOf(score), score, factors, Schedule.For(LevelOf(score)));
    }

    private static IEnumerable<(string Code, string Why)> Countries(Customer customer)
    {
        var person = customer.PersonUnderReview;
        var company = customer.CompanyUnderReview;
        (string?, string)[] countries =
        [
            (person?.Address?.CountryCode, "residence"), (person?.Nationality, "nationality"),
            (company?.CountryOfIncorporation, "incorporation"), (company?.RegisteredAddress?.CountryCode, "registered address"),
            .. (company?.Owners ?? []).Select(o => (o.Person.Nationality, "a beneficial owner's nationality")),
        ];
        return countries.Where(c => !string.IsNullOrWhiteSpace(c.Item1)).Select(c => (c.Item1!.ToUpperInvariant(), c.Item2));
    }
}

/// <summary>The two thresholds admins set: a score from <see cref="MediumFrom"/> is medium, from <see cref="HighFrom"/> high.</summary>
public static class RiskThresholds
{
    /// <summary>Null when the pair can be used; otherwise why not.</summary>
    public static string? Problem(int mediumFrom, int highFrom) =>
        mediumFrom < 1 ? "The medium threshold must be at least 1 point."
        : highFrom <= mediumFrom ? "The high threshold must be above the medium one."
        : highFrom > 1000 ? "The high threshold must be at most 1,000 points."
        : null;
}
