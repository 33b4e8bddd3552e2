namespace Onboarding.Ops.Domain.ReasonCodes;

public enum ReasonCategory
{
    Data,
    Document,
    Identity,
    Eligibility,
    Risk,
    ProductAccess,
}

/// <summary>
/// Why a customer or an access request was refused. <see cref="FinalByDefault"/> pre-fills "retryable or final";
/// <see cref="CustomerMessage"/> pre-fills the message partners and end users read.
/// </summary>
public sealed record ReasonCode(string Code, ReasonCategory Category, bool FinalByDefault, string CustomerMessage);

/// <summary>The one catalogue of reason codes, with the defaults of domain.md.</summary>
public static class ReasonCatalogue
{
    /// <summary>A partner withdrew the application (the public API's DELETE).</summary>
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<ReasonCode> All =
    [
        new("name_mismatch", ReasonCategory.Identity, false,
            "The name on the identity document does not match the name you gave. Please correct your details or send a matching document."),
        new("document_unreadable", ReasonCategory.Document, false,
            "We could not read your document. Please send a sharp, complete photo or scan with all corners visible."),
        new("document_expired", ReasonCategory.Document, false,
            "Your document has expired. Please send a document that is currently valid."),
        new("document_edited", ReasonCategory.Document, true,
            "The document you sent appears to have been altered, so we cannot accept it."),
        new("placeholder_data", ReasonCategory.Data, false,
            "Some of your details look like placeholder values. Please enter your real details."),
        new(Withdrawn, ReasonCategory.Data, true,
            "The application was withdrawn and its personal data erased."),
        new("missing_required_fields", ReasonCategory.Data, false,
            "Some required details are missing. Please complete them and submit again."),
        new("liveness_failed", ReasonCategory.Identity, false,
            "We could not confirm that you were present during verification. Please repeat the liveness check."),
        new("underage", ReasonCategory.Eligibility, true,
            "You must be at least 18 years old to use this service."),
        new("unsupported_country", ReasonCategory.Eligibility, true,
            "We cannot offer this service in your country at the moment."),
        new("duplicate_customer", ReasonCategory.Risk, true,
            "You already have an account with us, so a second one cannot be opened."),
        new("sanctions_match", ReasonCategory.Risk, true,
            "We are unable to offer you this service."),
        new("suspected_fraud", ReasonCategory.Risk, true,
            "We are unable to offer you this service."),
        new("customer_not_active", ReasonCategory.ProductAccess, false,
            "The customer's verification is not complete. Request access again once the customer is verified."),
        new("product_requirements_not_met", ReasonCategory.ProductAccess, false,
            "The customer does not yet meet this product's requirements."),
        new("questionnaire_incomplete", ReasonCategory.ProductAccess, false,
            "The compliance questionnaire for this product is not complete."),
        new("risk_policy", ReasonCategory.ProductAccess, true,
            "This product cannot be offered to this customer under our risk policy."),
    ];

    private static readonly Dictionary<string, ReasonCode> ByCode = All.ToDictionary(r => r.Code);

    public static ReasonCode? Find(string code) => ByCode.GetValueOrDefault(code);
}
