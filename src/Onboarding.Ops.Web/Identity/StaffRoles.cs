namespace Onboarding.Ops.Web.Identity;

public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Reviewer = "Reviewer";
    public const string Support = "Support";
    public const string ProductApprover = "ProductApprover";
    /// <summary>Compliance officers and examiners' contacts: read customers, reports and the whole audit trail; change nothing.</summary>
    public const string Compliance = "Compliance";

    public static readonly IReadOnlyList<string> All = [Admin, Reviewer, Support, ProductApprover, Compliance];

    public static string Describe(string role) => role switch
    {
        Admin => "Admin",
        Reviewer => "Reviewer",
        Support => "Support",
        ProductApprover => "Product approver",
        Compliance => "Compliance",
        _ => role,
    };
}
