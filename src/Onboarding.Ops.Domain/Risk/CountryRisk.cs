using Onboarding.Ops.Domain.Checks;

namespace Onboarding.Ops.Domain.Risk;

/// <summary>
/// A country that adds to a customer's risk score when the customer is tied to it (residence, nationality,
/// incorporation, registered address, a beneficial owner's nationality): reference data kept by admins.
/// </summary>
public sealed class CountryRisk
{
    public const int MaxReasonLength = 300;
    public const int MaxPoints = 100;

    private CountryRisk()
    {
    }

    public string Code { get; private set; } = "";
    public int Points { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset AddedAt { get; private set; }
    public string AddedBy { get; private set; } = "";

    public static CountryRisk Add(Actor actor, DateTimeOffset at, string code, int points, string reason)
    {
        if (!actor.Administers)
        {
            throw new DomainRuleException("Only an admin keeps the country risk list.");
        }
        var normalised = code.Trim().ToUpperInvariant();
        var problem = !Countries.IsAlpha2(normalised) ? $"'{code.Trim()}' is not an ISO 3166-1 alpha-2 country code (such as PA or VE)."
            : points is < 1 or > MaxPoints ? $"A country adds 1 to {MaxPoints} points, not {points}."
            : string.IsNullOrWhiteSpace(reason) ? "Say why the country adds to the risk (FATF list, sanctions exposure, offshore centre...)."
            : reason.Trim().Length > MaxReasonLength ? $"The reason holds at most {MaxReasonLength} characters."
            : null;
        if (problem is not null)
        {
            throw new DomainRuleException(problem);
        }
        return new CountryRisk { Code = normalised, Points = points, Reason = reason.Trim(), AddedAt = at, AddedBy = actor.Name };
    }
}
