using Onboarding.Ops.Domain.Customers;
using static Onboarding.Ops.Domain.Requirements.RequirementCode;

namespace Onboarding.Ops.Domain.Requirements;

/// <summary>Evaluates requirements against a customer on a given day: satisfied, missing, pending review, or failed with a reason.</summary>
public static class RequirementEngine
{
    /// <summary>The level's requirements, and what a high risk adds to them.</summary>
    public static IReadOnlyList<RequirementResult> EvaluateLevel(Customer customer, RequirementPolicy policy, DateOnly today) =>
        Evaluate(customer, policy.ForLevel(customer.Type, customer.Level, customer.Model).Union(customer.RiskRequirements), policy, today);

    public static IReadOnlyList<RequirementResult> Evaluate(
        Customer customer, IEnumerable<RequirementCode> codes, RequirementPolicy policy, DateOnly today) =>
        [.. codes.Select(code => Evaluate(customer, code, policy, today))];

    public static RequirementResult Evaluate(Customer customer, RequirementCode code, RequirementPolicy policy, DateOnly today)
    {
        // An update under review is decided on the data it proposes.
        var person = customer.PersonUnderReview;
        var company = customer.CompanyUnderReview;
        return code switch
        {
            LegalName => Field(code, customer.Type == CustomerType.Individual
                ? (person?.FirstName is { Length: > 0 } && person.LastName is { Length: > 0 } ? person.FullName : null)
                : company?.LegalName),
            BirthDate => Field(code, person?.BirthDate?.ToString("yyyy-MM-dd")),
            Nationality => Field(code, person?.Nationality),
            Email => Field(code, customer.Type == CustomerType.Individual ? person?.Email : company?.Email),
            Phone => Field(code, customer.Type == CustomerType.Individual ? person?.Phone : company?.Phone),
            ResidentialAddress => Field(code, person?.Address?.ToString()),
            NationalId => Field(code, person?.NationalId),
            RegistrationNumber => Field(code, company?.RegistrationNumber),
            CountryOfIncorporation => Field(code, company?.CountryOfIncorporation),
            RegisteredAddress => Field(code, company?.RegisteredAddress?.ToString()),
            LivenessAttestation => customer.LivenessAttestedAt is { } attested
                ? new(code, RequirementState.Satisfied, Evidence: $"attested by the partner on {attested:yyyy-MM-dd}")
                : new(code, RequirementState.Missing, "the partner has not attested that liveness was completed"),
            RequirementCode.BeneficialOwner => Owner(customer),
            RequirementCode.SourceOfFunds => customer.SourceOfFunds is { } answered
                ? new(code, RequirementState.Satisfied, Evidence: $"answered by {answered.AnsweredBy} on {answered.AnsweredAt:yyyy-MM-dd}")
                : new(code, RequirementState.Missing, "the source-of-funds questionnaire is not completed"),
            LevelBasic => Level(customer, code, VerificationLevel.Basic),
            LevelAdvanced => Level(customer, code, VerificationLevel.Advanced),
            IdentityDocument or CertificateOfIncorporation or RequirementCode.Selfie => Documents(customer, code, today, maxAgeDays: null),
            ProofOfAddress or BusinessProofOfAddress => Documents(customer, code, today, policy.ProofOfAddressMaxAgeDays),
        };
    }

    private static RequirementResult Field(RequirementCode code, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? new(code, RequirementState.Missing, $"{Requirement.Name(code).ToLowerInvariant()} is missing")
            : new(code, RequirementState.Satisfied, Evidence: value);

    private static RequirementResult Level(Customer customer, RequirementCode code, VerificationLevel needed) =>
        customer.Level >= needed
            ? new(code, RequirementState.Satisfied, Evidence: $"verified at level {Wire.Of(customer.Level)}")
            : new(code, RequirementState.Failed, $"the customer is verified at level {Wire.Of(customer.Level)}, and {Wire.Of(needed)} is needed");

    private static RequirementResult Owner(Customer customer)
    {
        var owners = customer.CompanyUnderReview?.Owners ?? [];
        if (owners.Count == 0)
        {
            return new(RequirementCode.BeneficialOwner, RequirementState.Missing, "no beneficial owner is declared");
        }
        var complete = owners.FirstOrDefault(o => o.Person is { FirstName.Length: > 0, LastName.Length: > 0, BirthDate: not null,
            Nationality.Length: > 0, Address: not null, NationalId.Length: > 0 });
        return complete is null
            ? new(RequirementCode.BeneficialOwner, RequirementState.Missing,
                "no beneficial owner has complete data (name, birth date, nationality, address and national ID)")
            : new(RequirementCode.BeneficialOwner, RequirementState.Satisfied, Evidence: complete.Person.FullName);
    }

    /// <summary>
    /// The best document of a kind decides: an accepted, valid one satisfies; one waiting for review is pending;
    /// otherwise the reason the newest one fails (expired, too old, rejected).
    /// </summary>
    private static RequirementResult Documents(
        Customer customer, RequirementCode code, DateOnly today, int? maxAgeDays)
    {
        var documents = customer.Documents.Where(d => Requirement.IsMetBy(code, d.Type)).OrderByDescending(d => d.ReceivedAt).ToList();
        if (documents.Count == 0)
        {
            return new(code, RequirementState.Missing, $"no {Requirement.Name(code).ToLowerInvariant()} has been provided");
        }

        string? Problem(Document d)
        {
            if (d.IsExpiredOn(today))
            {
                return $"the {d.Describe()} expired on {d.ExpiresOn:yyyy-MM-dd}";
            }
            if (maxAgeDays is { } days && (d.IssuedOn is not { } issued || issued.AddDays(days) < today))
            {
                return d.IssuedOn is { } on
                    ? $"the {d.Describe()} was issued on {on:yyyy-MM-dd}, more than {days} days ago"
                    : $"the {d.Describe()} has no issue date";
            }
            return d.State == DocumentReviewState.Rejected ? $"the {d.Describe()} was rejected ({d.RejectionReason})" : null;
        }

        var usable = documents.Where(d => Problem(d) is null).ToList();
        if (usable.FirstOrDefault(d => d.State == DocumentReviewState.Accepted) is { } accepted)
        {
            return new(code, RequirementState.Satisfied, Evidence: Evidence(accepted));
        }
        if (usable.FirstOrDefault() is { } waiting)
        {
            return new(code, RequirementState.PendingReview, $"the {waiting.Describe()} received on {waiting.ReceivedAt:yyyy-MM-dd} is waiting for review");
        }
        return new(code, RequirementState.Failed, Problem(documents[0]));
    }

    private static string Evidence(Document d)
    {
        if (d.Type == DocumentType.Selfie)
        {
            return $"selfie reviewed by {d.ReviewedBy} on {d.ReviewedAt:yyyy-MM-dd}";
        }
        var text = $"{d.Describe().Capitalised()}, accepted {d.ReviewedAt:yyyy-MM-dd}";
        if (d.ExpiresOn is { } expires)
        {
            text += $", expires {expires:yyyy-MM-dd}";
        }
        else if (d.IssuedOn is { } issued)
        {
            text += $", issued {issued:yyyy-MM-dd}";
        }
        return text;
    }
}
