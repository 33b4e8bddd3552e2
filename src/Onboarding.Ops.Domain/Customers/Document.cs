namespace Onboarding.Ops.Domain.Customers;

public enum DocumentType
{
    Passport,
    IdCard,
    DriverLicense,
    ResidencePermit,
    ProofOfAddress,
    CertificateOfIncorporation,

    /// <summary>A photo of the end user's face taken in the hosted flow, compared by a reviewer with the identity document.</summary>
    Selfie,
}

public enum DocumentReviewState
{
    Received,
    Accepted,
    Rejected,
}

/// <summary>What a partner or end user sends: the document's facts, before any review, and the uploaded file if any.</summary>
public sealed record NewDocument(
    DocumentType Type, string? IssuingCountry = null, DateOnly? ExpiresOn = null, DateOnly? IssuedOn = null, DocumentFile? File = null,
    DocumentFile? Back = null);

/// <summary>An uploaded file, addressed by the SHA-256 of its content in the document store.</summary>
public sealed record DocumentFile(string Hash, string MediaType, long Size, string? FileName);

/// <summary>A document of a customer, with its own review state.</summary>
public sealed class Document
{
    private Document()
    {
    }

    internal Document(NewDocument fields, DateTimeOffset receivedAt)
    {
        Id = Guid.NewGuid();
        Type = fields.Type;
        IssuingCountry = fields.IssuingCountry?.Trim().ToUpperInvariant();
        ExpiresOn = fields.ExpiresOn;
        IssuedOn = fields.IssuedOn;
        File = fields.File;
        Back = fields.Back;
        State = DocumentReviewState.Received;
        ReceivedAt = receivedAt;
    }

    public Guid Id { get; private set; }
    public DocumentType Type { get; private set; }
    public string? IssuingCountry { get; private set; }
    public DateOnly? ExpiresOn { get; private set; }
    public DateOnly? IssuedOn { get; private set; }
    public DocumentFile? File { get; private set; }
    /// <summary>The back of a card (ID card, driving licence, residence permit), when it was sent.</summary>
    public DocumentFile? Back { get; private set; }

    /// <summary>Cards have a back worth seeing; passports and letters do not.</summary>
    public static bool HasBack(DocumentType type) =>
        type is DocumentType.IdCard or DocumentType.DriverLicense or DocumentType.ResidencePermit;
    public DocumentReviewState State { get; private set; }
    public string? RejectionReason { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewedBy { get; private set; }

    public bool IsIdentity => IsIdentityType(Type);

    public static bool IsIdentityType(DocumentType type) =>
        type is DocumentType.Passport or DocumentType.IdCard or DocumentType.DriverLicense or DocumentType.ResidencePermit;

    public bool IsExpiredOn(DateOnly day) => ExpiresOn is { } expiry && expiry < day;

    public string Describe() => Type switch
    {
        DocumentType.Passport => "passport",
        DocumentType.IdCard => "ID card",
        DocumentType.DriverLicense => "driving licence",
        DocumentType.ResidencePermit => "residence permit",
        DocumentType.ProofOfAddress => "proof of address",
        DocumentType.Selfie => "selfie",
        DocumentType.CertificateOfIncorporation => "certificate of incorporation",
    };

    internal void Accept(Actor actor, DateTimeOffset at)
    {
        State = DocumentReviewState.Accepted;
        RejectionReason = null;
        ReviewedAt = at;
        ReviewedBy = actor.Name;
    }

    internal void Reject(Actor actor, DateTimeOffset at, string reasonCode)
    {
        State = DocumentReviewState.Rejected;
        RejectionReason = reasonCode;
        ReviewedAt = at;
        ReviewedBy = actor.Name;
    }
}
