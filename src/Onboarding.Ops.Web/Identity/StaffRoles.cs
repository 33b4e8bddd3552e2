namespace Onboarding.Ops.Web.Identity;

public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Reviewer = "Reviewer";
    public const string Support = "Support";
    public const string ProductApprover = "ProductApprover";

    public static readonly IReadOnlyList<string> All = [Admin, Reviewer, Support, ProductApprover];

    public static string Describe(string role) => role switch
    {
        Admin => "Admin",
        Reviewer => "Reviewer",
        Support => "Support",
        ProductApprover => "Product approver",
        _ => role,
    };
}
