using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Domain.Checks;

/// <summary>Another customer that shares an identifying fact with the one being checked (found by the data layer).</summary>
public sealed record DuplicateMatch(Guid CustomerId, string Name, DuplicateKind Kind);

public enum DuplicateKind
{
    NationalId,
    Email,
    NameAndBirthDate,
}

/// <summary>Reference data of the checks; the unsupported countries are the admin-editable eligibility list.</summary>
public sealed record CheckSettings(IReadOnlySet<string> UnsupportedCountries, int AgeOfMajority = 18, int SoonExpiringDays = 30)
{
    public static readonly CheckSettings Default = new(new HashSet<string> { "KP", "IR", "SY", "CU" });
}

/// <summary>
/// The automated checks run on every submission: format, age of majority, placeholder names, document validity,
/// duplicate signals and eligibility. Each gives pass, warn or fail with a code and a detail; a failure is a blocker
/// until a reviewer resolves it.
/// </summary>
public static partial class AutomatedChecks
{
    public static IReadOnlyList<CheckResult> Run(
        Customer customer, IReadOnlyList<DuplicateMatch> duplicates, CheckSettings settings, DateOnly today) =>
    [
        Format(customer, today),
        AgeOfMajority(customer, settings, today),
        Placeholders(customer),
        DocumentValidity(customer, settings, today),
        Duplicates(duplicates),
        Eligibility(customer, settings),
    ];

    /// <summary>The reason code a reviewer rejects with when they confirm a check's finding.</summary>
    public static string ReasonFor(string checkCode) => checkCode switch
    {
        "age_of_majority" => "underage",
        "placeholder_data" => "placeholder_data",
        "document_expired" => "document_expired",
        "duplicate_customer" => "duplicate_customer",
        "unsupported_country" => "unsupported_country",
        _ => "missing_required_fields",
    };

    public static bool IsEmail(string? text) => text is not null && EmailPattern().IsMatch(text.Trim());

    /// <summary>E.164: a plus, the country code and the number, digits only.</summary>
    public static bool IsPhone(string? text) => text is not null && PhonePattern().IsMatch(text.Trim());

    /// <summary>No one alive was born more than this many years ago: an older birth date is a typing slip.</summary>
    public const int MaxAgeYears = 120;

    public static CheckResult Format(Customer customer, DateOnly today)
    {
        var problems = new List<string>();
        var doubts = new List<string>();
        void Email(string field, string? value)
        {
            if (value is not null && !IsEmail(value))
            {
                problems.Add($"{field} '{value}' is not an email address");
            }
            else if (value is not null && MistypedDomains.TryGetValue(value[(value.LastIndexOf('@') + 1)..].ToLowerInvariant(), out var meant))
            {
                doubts.Add($"{field} '{value}' looks mistyped (did they mean {meant}?)");
            }
        }
        void Phone(string field, string? value)
        {
            if (value is not null && !IsPhone(value))
            {
                problems.Add($"{field} '{value}' is not an E.164 number such as +573001234567");
            }
        }
        void Country(string field, string? value)
        {
            if (value is not null && !Countries.IsAlpha2(value))
            {
                problems.Add($"{field} '{value}' is not an ISO 3166-1 alpha-2 country code");
            }
        }
        foreach (var (prefix, person) in People(customer))
        {
            if (person.BirthDate is { } born && born < today.AddYears(-MaxAgeYears))
            {
                problems.Add($"{prefix}birth date {born:yyyy-MM-dd} is more than {MaxAgeYears} years ago");
            }
            Email($"{prefix}email", person.Email);
            Phone($"{prefix}phone", person.Phone);
            Country($"{prefix}nationality", person.Nationality);
            Country($"{prefix}address.countryCode", person.Address?.CountryCode);
        }
        if (customer.CompanyUnderReview is { } company)
        {
            Email("email", company.Email);
            Phone("phone", company.Phone);
            Country("countryOfIncorporation", company.CountryOfIncorporation);
            Country("registeredAddress.countryCode", company.RegisteredAddress?.CountryCode);
        }
        foreach (var document in customer.Documents)
        {
            Country($"{document.Describe()} issuing country", document.IssuingCountry);
        }
        var basis = Basis([.. People(customer).SelectMany(p => new[] { p.Person.Email, p.Person.Phone, p.Person.Nationality, p.Person.Address?.CountryCode,
                p.Person.BirthDate?.ToString("yyyy-MM-dd") }),
            customer.CompanyUnderReview?.Email, customer.CompanyUnderReview?.Phone, customer.CompanyUnderReview?.CountryOfIncorporation,
            customer.CompanyUnderReview?.RegisteredAddress?.CountryCode, .. customer.Documents.Select(d => d.IssuingCountry)]);
        return problems.Count > 0 ? Result("format", CheckOutcome.Fail, string.Join("; ", problems).Capitalised() + ".", basis)
            : doubts.Count > 0 ? Result("format", CheckOutcome.Warn, string.Join("; ", doubts).Capitalised() + ".", basis)
            : Result("format", CheckOutcome.Pass, "Email, phone, country codes and dates are well formed.", basis);
    }

    /// <summary>Well-formed but almost certainly mistyped email domains: mail would not reach the customer.</summary>
    private static readonly Dictionary<string, string> MistypedDomains = new()
    {
        ["gmial.com"] = "gmail.com", ["gmai.com"] = "gmail.com", ["gmail.co"] = "gmail.com", ["gamil.com"] = "gmail.com",
        ["hotmial.com"] = "hotmail.com", ["hotmal.com"] = "hotmail.com", ["yaho.com"] = "yahoo.com", ["yahooo.com"] = "yahoo.com",
        ["outlok.com"] = "outlook.com", ["iclod.com"] = "icloud.com",
    };

    public static CheckResult AgeOfMajority(Customer customer, CheckSettings settings, DateOnly today)
    {
        var people = People(customer).Where(p => p.Person.BirthDate is not null).ToList();
        var basis = Basis([.. people.Select(p => p.Person.BirthDate?.ToString("yyyy-MM-dd"))]);
        if (people.Count == 0)
        {
            return Result("age_of_majority", CheckOutcome.Warn, "No birth date to check yet.", basis);
        }
        foreach (var (prefix, person) in people)
        {
            var born = person.BirthDate!.Value;
            if (born > today)
            {
                return Result("age_of_majority", CheckOutcome.Fail, $"The {prefix}birth date {born:yyyy-MM-dd} is in the future.", basis);
            }
            var age = today.Year - born.Year - (today < born.AddYears(today.Year - born.Year) ? 1 : 0);
            if (age < settings.AgeOfMajority)
            {
                return Result("age_of_majority", CheckOutcome.Fail, $"{person.FullName} is {age}, under {settings.AgeOfMajority}.", basis);
            }
        }
        return Result("age_of_majority", CheckOutcome.Pass, $"{settings.AgeOfMajority} or older.", basis);
    }

    private static readonly HashSet<string> PlaceholderWords =
        ["test", "tester", "testing", "user", "demo", "sample", "example", "foo", "bar", "baz", "asdf", "qwerty", "lorem", "ipsum",
         "dummy", "fake", "none", "null", "unknown", "n/a", "na", "xxx", "abc", "john doe", "jane doe", "firstname", "lastname"];

    public static CheckResult Placeholders(Customer customer)
    {
        var names = People(customer).SelectMany(p => new[] { p.Person.FirstName, p.Person.LastName, p.Person.FullName })
            .Append(customer.CompanyUnderReview?.LegalName).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).ToList();
        var basis = Basis([.. names]);
        var suspicious = names.FirstOrDefault(n => PlaceholderWords.Contains(n.ToLowerInvariant())
            || RepeatedPattern().IsMatch(n) || n.Any(char.IsDigit));
        if (suspicious is not null)
        {
            return Result("placeholder_data", CheckOutcome.Fail, $"'{suspicious}' looks like a placeholder, not a real name.", basis);
        }
        // "J." or "M" may be a real short name but usually stands for a full one the documents will show.
        var initial = names.FirstOrDefault(n => n.TrimEnd('.').Length == 1);
        return initial is null
            ? Result("placeholder_data", CheckOutcome.Pass, "No placeholder names.", basis)
            : Result("placeholder_data", CheckOutcome.Warn, $"'{initial}' is an initial: compare it with the full name on the documents.", basis);
    }

    public static CheckResult DocumentValidity(Customer customer, CheckSettings settings, DateOnly today)
    {
        var identity = customer.Documents.Where(d => d.IsIdentity && d.ExpiresOn is not null).ToList();
        var basis = Basis([.. identity.Select(d => $"{d.Id}:{d.ExpiresOn:yyyy-MM-dd}")]);
        if (identity.FirstOrDefault(d => d.IsExpiredOn(today)) is { } expired)
        {
            return Result("document_expired", CheckOutcome.Fail, $"The {expired.Describe()} expired on {expired.ExpiresOn:yyyy-MM-dd}.", basis);
        }
        if (identity.FirstOrDefault(d => d.ExpiresOn!.Value <= today.AddDays(settings.SoonExpiringDays)) is { } expiring)
        {
            return Result("document_expired", CheckOutcome.Warn,
                $"The {expiring.Describe()} expires on {expiring.ExpiresOn:yyyy-MM-dd}, within {settings.SoonExpiringDays} days.", basis);
        }
        return Result("document_expired", CheckOutcome.Pass, identity.Count == 0 ? "No identity document to check yet." : "Identity documents are valid.", basis);
    }

    /// <summary>
    /// The same national ID on another customer fails; the same email, or name and birth date, warns. Every match is
    /// listed, so a reviewer can compare the customers side by side.
    /// </summary>
    public static CheckResult Duplicates(IReadOnlyList<DuplicateMatch> duplicates)
    {
        var related = duplicates.Select(d => d.CustomerId).Distinct().ToList();
        var basis = Basis([.. duplicates.Select(d => $"{d.CustomerId}:{d.Kind}")]);
        string Of(DuplicateKind kind) => string.Join(", ", duplicates.Where(d => d.Kind == kind).Select(d => $"{d.Name} ({d.CustomerId})"));
        CheckResult Found(CheckOutcome outcome) => Result("duplicate_customer", outcome, string.Join(" ", new[]
        {
            duplicates.Any(d => d.Kind == DuplicateKind.NationalId) ? $"The same national ID is used by customer {Of(DuplicateKind.NationalId)}." : null,
            duplicates.Any(d => d.Kind == DuplicateKind.Email) ? $"The same email is used by customer {Of(DuplicateKind.Email)}." : null,
            duplicates.Any(d => d.Kind == DuplicateKind.NameAndBirthDate) ? $"The same name and birth date are used by customer {Of(DuplicateKind.NameAndBirthDate)}." : null,
        }.OfType<string>()), basis) with { Related = related };
        return duplicates.Any(d => d.Kind == DuplicateKind.NationalId) ? Found(CheckOutcome.Fail)
            : duplicates.Count > 0 ? Found(CheckOutcome.Warn)
            : Result("duplicate_customer", CheckOutcome.Pass, "No other customer shares the national ID, email, or name and birth date.", basis);
    }

    /// <summary>
    /// The customer's own ties (a person's nationality and address; a company's incorporation and registered address) to
    /// an unsupported country fail; a beneficial owner's ties warn, for enhanced due diligence by a reviewer.
    /// </summary>
    public static CheckResult Eligibility(Customer customer, CheckSettings settings)
    {
        string? Unsupported(IEnumerable<string?> countries) =>
            countries.Where(c => c is not null).Select(c => c!.ToUpperInvariant()).FirstOrDefault(settings.UnsupportedCountries.Contains);
        string?[] ownCountries = customer.PersonUnderReview is { } person
            ? [person.Nationality, person.Address?.CountryCode]
            : [customer.CompanyUnderReview?.CountryOfIncorporation, customer.CompanyUnderReview?.RegisteredAddress?.CountryCode];
        var owners = customer.CompanyUnderReview?.Owners ?? [];
        var basis = Basis([.. ownCountries, .. owners.SelectMany(o => new[] { o.Person.Nationality, o.Person.Address?.CountryCode }),
            .. settings.UnsupportedCountries.Order()]);
        var own = Unsupported(ownCountries);
        if (own is not null)
        {
            return Result("unsupported_country", CheckOutcome.Fail, $"{own} is on the list of unsupported countries.", basis);
        }
        var owner = owners.FirstOrDefault(o => Unsupported([o.Person.Nationality, o.Person.Address?.CountryCode]) is not null);
        return owner is null
            ? Result("unsupported_country", CheckOutcome.Pass, "Countries supported.", basis)
            : Result("unsupported_country", CheckOutcome.Warn,
                $"Beneficial owner {owner.Person.FullName} is tied to {Unsupported([owner.Person.Nationality, owner.Person.Address?.CountryCode])}, "
                + "on the list of unsupported countries: enhanced due diligence needed.", basis);
    }

    /// <summary>The people a check looks at: the person, or a company's owners; an update under review is checked as proposed.</summary>
    private static IEnumerable<(string Prefix, PersonData Person)> People(Customer customer) =>
        customer.PersonUnderReview is { } person
            ? [("", person)]
            : (customer.CompanyUnderReview?.Owners ?? []).Select((o, i) => ($"owner {i + 1} ", o.Person));

    private static CheckResult Result(string code, CheckOutcome outcome, string detail, string basis) =>
        new() { Code = code, Outcome = outcome, Detail = detail, Basis = basis };

    /// <summary>A fingerprint of the values a check looked at (SHA-256, hex), so a resolution holds only for that data.</summary>
    private static string Basis(IEnumerable<string?> values) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', values.Select(v => v ?? "")))))[..16];

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^(.)\1{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex RepeatedPattern();
}
