namespace Onboarding.Ops.Domain.Checks;

/// <summary>
/// A country the platform does not serve: a customer tied to it (nationality, address, incorporation) fails the
/// eligibility check. Reference data kept by admins; the first list is <see cref="CheckSettings.Default"/>.
/// </summary>
public sealed class UnsupportedCountry
{
    public const int MaxReasonLength = 300;

    private UnsupportedCountry()
    {
    }

    public string Code { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateTimeOffset AddedAt { get; private set; }
    public string AddedBy { get; private set; } = "";

    public static UnsupportedCountry Add(Actor actor, DateTimeOffset at, string code, string reason)
    {
        if (!actor.Administers)
        {
            throw new DomainRuleException("Only an admin keeps the list of unsupported countries.");
        }
        var normalised = code.Trim().ToUpperInvariant();
        if (!Countries.IsAlpha2(normalised))
        {
            throw new DomainRuleException($"'{code.Trim()}' is not an ISO 3166-1 alpha-2 country code (such as KP or VE).");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("Say why the country is not supported (sanctions, licence, risk appetite...).");
        }
        if (reason.Trim().Length > MaxReasonLength)
        {
            throw new DomainRuleException($"The reason holds at most {MaxReasonLength} characters.");
        }
        return new UnsupportedCountry { Code = normalised, Reason = reason.Trim(), AddedAt = at, AddedBy = actor.Name };
    }

    /// <summary>The list the platform started with, as stored rows.</summary>
    public static IEnumerable<UnsupportedCountry> Initial(DateTimeOffset at) =>
        CheckSettings.Default.UnsupportedCountries.Order().Select(code => new UnsupportedCountry
        {
            Code = code, Reason = "Initial list: sanctioned jurisdiction.", AddedAt = at, AddedBy = "System",
        });
}
