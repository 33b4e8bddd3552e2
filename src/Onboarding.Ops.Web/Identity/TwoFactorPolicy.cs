namespace Onboarding.Ops.Web.Identity;

/// <summary>
/// Which roles must sign in with an authenticator app (setting <c>Identity:TwoFactor:RequiredRoles</c>, a comma-separated
/// list; empty means nobody). Every role may enrol; a required member of staff who has not is sent to enrolment.
/// </summary>
public sealed class TwoFactorPolicy(IReadOnlySet<string> requiredRoles)
{
    public const string RequiredRolesKey = "Identity:TwoFactor:RequiredRoles";

    public IReadOnlySet<string> RequiredRoles { get; } = requiredRoles;

    public bool IsRequiredFor(IEnumerable<string> roles) => roles.Any(RequiredRoles.Contains);

    /// <summary>Without the setting: the roles that decide (Admin, Reviewer, Product approver), except in Development.</summary>
    public static TwoFactorPolicy From(IConfiguration configuration, bool isDevelopment)
    {
        var setting = configuration[RequiredRolesKey]
            ?? (isDevelopment ? "" : string.Join(",", StaffRoles.Admin, StaffRoles.Reviewer, StaffRoles.ProductApprover));
        var roles = setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        var unknown = roles.Except(StaffRoles.All).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Setting '{RequiredRolesKey}' names unknown roles ({string.Join(", ", unknown)}); the roles are {string.Join(", ", StaffRoles.All)}.");
        }
        return new TwoFactorPolicy(roles);
    }
}
