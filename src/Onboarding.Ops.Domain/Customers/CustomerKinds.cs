namespace Onboarding.Ops.Domain.Customers;

public enum CustomerType
{
    Individual,
    Business,
}

public enum VerificationLevel
{
    Minimum,
    Basic,
    Advanced,
}

public enum VerificationModel
{
    /// <summary>The platform verifies the end user through a hosted link.</summary>
    Hosted,

    /// <summary>The partner verified with a trusted provider and sends verified data (liveness attested).</summary>
    PartnerVerified,
}

public enum CustomerStatus
{
    Pending,
    NeedsInformation,
    Active,
    Rejected,
    UpdateRequested,
    OnHold,
}

/// <summary>Where a customer sits in the back office's work: whose move it is.</summary>
public enum WorkQueue
{
    /// <summary>A reviewer's move: submitted and pending, or an update to re-verify.</summary>
    NeedsReview,

    /// <summary>The end user's or partner's move: information requested, or the hosted flow not yet done.</summary>
    WaitingOnCustomer,

    /// <summary>A decision staged by one reviewer waits for another to confirm it or send it back.</summary>
    SecondReview,
    OnHold,
    Rejected,
    Active,
}

/// <summary>The values partners already know from the public API (domain.md); C# names differ.</summary>
public static class Wire
{
    public static string Of(CustomerStatus status) => status switch
    {
        CustomerStatus.Pending => "pending",
        CustomerStatus.NeedsInformation => "needs_information",
        CustomerStatus.Active => "active",
        CustomerStatus.Rejected => "rejected",
        CustomerStatus.UpdateRequested => "update_requested",
        CustomerStatus.OnHold => "on_hold",
    };

    public static string Of(CustomerType type) => type == CustomerType.Individual ? "individual" : "business";

    public static string Of(VerificationLevel level) => level.ToString().ToLowerInvariant();

    public static string Of(VerificationModel model) => model == VerificationModel.Hosted ? "hosted" : "partner_verified";

    public static string Of(DocumentType type) => type switch
    {
        DocumentType.Passport => "passport",
        DocumentType.IdCard => "idCard",
        DocumentType.DriverLicense => "driverLicense",
        DocumentType.ResidencePermit => "residencePermit",
        DocumentType.ProofOfAddress => "proofOfAddress",
        DocumentType.CertificateOfIncorporation => "certificateOfIncorporation",
        DocumentType.Selfie => "selfie",
    };

    /// <summary>A date as partners and end users write it (yyyy-MM-dd), or null when it is not one.</summary>
    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Status in words for sentences: "needs information", "on hold".</summary>
    public static string Words(CustomerStatus status) => Of(status).Replace('_', ' ');
}
