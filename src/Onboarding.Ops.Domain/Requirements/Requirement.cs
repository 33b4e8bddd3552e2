using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Domain.Requirements;

/// <summary>
/// One thing a level or a product needs. The same codes key the information checklist,
/// so "what is missing" and "what was asked for" speak one vocabulary.
/// </summary>
public enum RequirementCode
{
    LegalName,
    BirthDate,
    Nationality,
    Email,
    Phone,
    ResidentialAddress,
    NationalId,
    IdentityDocument,
    LivenessAttestation,
    ProofOfAddress,
    RegistrationNumber,
    CountryOfIncorporation,
    RegisteredAddress,
    CertificateOfIncorporation,
    BeneficialOwner,
    BusinessProofOfAddress,
    SourceOfFunds,
    LevelBasic,
    LevelAdvanced,

    /// <summary>A hosted person's liveness evidence: a selfie a reviewer compared with the identity document.</summary>
    Selfie,
}

public enum RequirementState
{
    Satisfied,
    Missing,
    PendingReview,
    Failed,
}

/// <summary>A requirement evaluated against a customer: its state, why when not satisfied, and the evidence when it is.</summary>
public sealed record RequirementResult(RequirementCode Code, RequirementState State, string? Reason = null, string? Evidence = null)
{
    public bool IsSatisfied => State == RequirementState.Satisfied;
    public string Name => Requirement.Name(Code);
}

public static class Requirement
{
    public static string Name(RequirementCode code) => code switch
    {
        RequirementCode.LegalName => "Legal name",
        RequirementCode.BirthDate => "Birth date",
        RequirementCode.Nationality => "Nationality",
        RequirementCode.Email => "Email",
        RequirementCode.Phone => "Phone",
        RequirementCode.ResidentialAddress => "Residential address",
        RequirementCode.NationalId => "National ID",
        RequirementCode.IdentityDocument => "Identity document",
        RequirementCode.LivenessAttestation => "Liveness attestation",
        RequirementCode.Selfie => "Selfie",
        RequirementCode.ProofOfAddress => "Proof of address",
        RequirementCode.RegistrationNumber => "Registration number",
        RequirementCode.CountryOfIncorporation => "Country of incorporation",
        RequirementCode.RegisteredAddress => "Registered address",
        RequirementCode.CertificateOfIncorporation => "Certificate of incorporation",
        RequirementCode.BeneficialOwner => "Beneficial owner",
        RequirementCode.BusinessProofOfAddress => "Proof of address of the business",
        RequirementCode.SourceOfFunds => "Source-of-funds questionnaire",
        RequirementCode.LevelBasic => "Verification level basic or higher",
        RequirementCode.LevelAdvanced => "Verification level advanced",
    };

    /// <summary>True for requirements met by sending a document rather than filling in a field.</summary>
    public static bool IsDocument(RequirementCode code) => Enum.GetValues<DocumentType>().Any(type => IsMetBy(code, type));

    /// <summary>Whether a document of this type is what the requirement asks for.</summary>
    public static bool IsMetBy(RequirementCode code, DocumentType type) => code switch
    {
        RequirementCode.IdentityDocument => Document.IsIdentityType(type),
        RequirementCode.ProofOfAddress or RequirementCode.BusinessProofOfAddress => type == DocumentType.ProofOfAddress,
        RequirementCode.CertificateOfIncorporation => type == DocumentType.CertificateOfIncorporation,
        RequirementCode.Selfie => type == DocumentType.Selfie,
        _ => false,
    };
}
