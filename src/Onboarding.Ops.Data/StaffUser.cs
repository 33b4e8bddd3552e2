using Microsoft.AspNetCore.Identity;

namespace Onboarding.Ops.Data;

/// <summary>A member of the platform's operations staff. Accounts are created by an admin, never self-registered.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set when an admin chose the password: the user must replace it at first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The user's own choice of the dark theme, remembered across devices.</summary>
    public bool PrefersDarkMode { get; set; }
}
