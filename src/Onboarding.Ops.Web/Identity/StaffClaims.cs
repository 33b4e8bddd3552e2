using Onboarding.Ops.Data;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Onboarding.Ops.Domain;

namespace Onboarding.Ops.Web.Identity;

/// <summary>
/// Adds the display name and the account steps still owed ("must change password", "must set up two-factor") to the
/// sign-in cookie. The cookie is rebuilt at every security-stamp check, so a new role or a reset takes effect within a minute.
/// </summary>
public sealed class StaffClaimsFactory(
    UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, TwoFactorPolicy twoFactor)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    public const string DisplayName = "ops:display_name";
    public const string MustChangePassword = "ops:must_change_password";
    public const string MustEnrolTwoFactor = "ops:must_enrol_two_factor";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePassword, "true"));
        }
        if (!user.TwoFactorEnabled && twoFactor.IsRequiredFor(identity.FindAll(identity.RoleClaimType).Select(c => c.Value)))
        {
            identity.AddClaim(new Claim(MustEnrolTwoFactor, "true"));
        }
        return identity;
    }
}

public static class StaffPrincipalExtensions
{
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(StaffClaimsFactory.DisplayName) is { Length: > 0 } name ? name : user.Identity?.Name ?? "";

    public static string? StaffId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The member of staff as the domain sees them: what their roles let them decide.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) => new(
        ActorKind.Staff, user.StaffId() ?? "", user.DisplayName(),
        Reviews: user.IsInRole(StaffRoles.Reviewer) || user.IsInRole(StaffRoles.Admin),
        DecidesAccess: user.IsInRole(StaffRoles.ProductApprover) || user.IsInRole(StaffRoles.Admin),
        Administers: user.IsInRole(StaffRoles.Admin),
        Assists: Policies.RolesByPolicy[Policies.Assist].Any(user.IsInRole));
}
