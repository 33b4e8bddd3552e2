using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using static Onboarding.Ops.Domain.Requirements.RequirementCode;

namespace Onboarding.Ops.Domain.Requirements;

/// <summary>
/// Reference data: what each level (per customer type) and each product requires. <see cref="Default"/> holds the
/// defaults of domain.md; an admin screen can later supply another instance.
/// </summary>
public sealed record RequirementPolicy(
    IReadOnlyDictionary<(CustomerType, VerificationLevel), IReadOnlyList<RequirementCode>> ByLevel,
    IReadOnlyDictionary<(Product, CustomerType), IReadOnlyList<RequirementCode>> ByProduct,
    int ProofOfAddressMaxAgeDays = 90)
{
    private static readonly RequirementCode[] IndividualMinimum = [LegalName, BirthDate, Nationality, Email, Phone];
    private static readonly RequirementCode[] IndividualBasic = [.. IndividualMinimum, ResidentialAddress, NationalId, IdentityDocument, LivenessAttestation];
    private static readonly RequirementCode[] BusinessMinimum = [LegalName, RegistrationNumber, CountryOfIncorporation, Email, Phone];
    private static readonly RequirementCode[] BusinessBasic = [.. BusinessMinimum, RegisteredAddress, CertificateOfIncorporation, RequirementCode.BeneficialOwner];

    public static readonly RequirementPolicy Default = new(
        new Dictionary<(CustomerType, VerificationLevel), IReadOnlyList<RequirementCode>>
        {
            [(CustomerType.Individual, VerificationLevel.Minimum)] = IndividualMinimum,
            [(CustomerType.Individual, VerificationLevel.Basic)] = IndividualBasic,
            [(CustomerType.Individual, VerificationLevel.Advanced)] = [.. IndividualBasic, ProofOfAddress],
            [(CustomerType.Business, VerificationLevel.Minimum)] = BusinessMinimum,
            [(CustomerType.Business, VerificationLevel.Basic)] = BusinessBasic,
            [(CustomerType.Business, VerificationLevel.Advanced)] = [.. BusinessBasic, BusinessProofOfAddress],
        },
        Products.All.SelectMany(p => p.Requirements.Select(r => (Key: (p.Product, r.Key), r.Value)))
            .ToDictionary(r => r.Key, r => r.Value));

    /// <summary>
    /// The level's requirements. Liveness is evidenced by whoever met the person: the partner attests it for its
    /// verified customers; for a hosted one the flow takes a selfie that a reviewer compares with the identity document.
    /// </summary>
    public IReadOnlyList<RequirementCode> ForLevel(CustomerType type, VerificationLevel level, VerificationModel model) =>
        [.. ByLevel[(type, level)].Select(c => c == LivenessAttestation && model == VerificationModel.Hosted ? RequirementCode.Selfie : c)];

    public IReadOnlyList<RequirementCode> ForProduct(Product product, CustomerType type) => ByProduct[(product, type)];
}
