namespace Onboarding.Ops.Domain.Screening;

/// <summary>A reviewer's decision on a screening hit.</summary>
public enum HitVerdict
{
    /// <summary>Not the listed party: a note says why.</summary>
    FalsePositive,
    /// <summary>The listed party: a sanctions match is rejected (final); a PEP match raises the risk instead.</summary>
    TrueMatch,
}

/// <summary>
/// A list entry a screened party (the customer, or one of a company's beneficial owners) may be, as the matcher found
/// it: the entry as the list gave it (so the hit reads the same after the list changes), what matched and the score,
/// and the reviewer's decision once taken. <see cref="Basis"/> fingerprints the party's screened data, so a decision
/// holds for that entry and that data only.
/// </summary>
public sealed record ScreeningHit
{
    /// <summary>Stable across screenings: the list, its entry and who was screened.</summary>
    public string Id => $"{List}/{EntryId}/{Party}";

    public string List { get; init; } = "";
    public int ListVersion { get; init; }
    public string EntryId { get; init; } = "";
    public string EntryName { get; init; } = "";
    public IReadOnlyList<string> EntryNames { get; init; } = [];
    public IReadOnlyList<string> EntryBirthDates { get; init; } = [];
    public IReadOnlyList<string> EntryCountries { get; init; } = [];
    public IReadOnlyList<string> EntryIdentifiers { get; init; } = [];
    public IReadOnlyList<string> Programmes { get; init; } = [];
    public string Dataset { get; init; } = "";
    public bool IsPep { get; init; }

    /// <summary>"customer", or "owner 1", "owner 2"… for a company's beneficial owners.</summary>
    public string Party { get; init; } = "customer";
    public string ScreenedName { get; init; } = "";
    public string MatchedName { get; init; } = "";
    public double Score { get; init; }
    /// <summary>What agreed: "name", "birth date", "country", "identifier".</summary>
    public IReadOnlyList<string> Matched { get; init; } = [];
    public string Basis { get; init; } = "";
    public DateTimeOffset RaisedAt { get; init; }

    public HitVerdict? Verdict { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecidedBy { get; init; }
    public string? Note { get; init; }

    public bool IsOpen => Verdict is null;

    /// <summary>Open, or a confirmed sanctions match: the customer cannot be approved.</summary>
    public bool BlocksApproval => IsOpen || Verdict == HitVerdict.TrueMatch && !IsPep;

    public string Kind => IsPep ? "PEP" : "sanctions";

    /// <summary>"Ivan Sidorenko (Demo sanctions, Fictional Programme A)": how a blocker or an audit entry names it.</summary>
    public string Describe() =>
        $"{EntryName} ({List}{(Programmes.Count > 0 ? ", " + string.Join(", ", Programmes) : IsPep ? ", PEP" : "")})";
}

/// <summary>
/// Who is screened, with the data matched against the lists: the customer, or a company's beneficial owner
/// (<see cref="Party"/> "owner 1"…). <see cref="Basis"/> fingerprints that data.
/// </summary>
public sealed record ScreenedParty(
    string Party, string Name, bool IsPerson, DateOnly? BirthDate, IReadOnlyList<string> Countries, IReadOnlyList<string> Identifiers)
{
    public static ScreenedParty Of(string party, Customers.PersonData person) => new(party, person.FullName, true, person.BirthDate,
        [.. new[] { person.Nationality, person.Address?.CountryCode }.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!).Distinct()],
        string.IsNullOrWhiteSpace(person.NationalId) ? [] : [person.NationalId.Trim()]);

    public string Basis => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f',
        [Name, IsPerson ? "person" : "company", BirthDate?.ToString("yyyy-MM-dd") ?? "", .. Countries, "|", .. Identifiers]))))[..16];
}
