using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Onboarding.Ops.Web.Identity;

/// <summary>Thrown when a service is asked to act for someone its policy does not allow: hiding a button is not security.</summary>
public sealed class StaffForbiddenException(string policy)
    : Exception($"This action needs the '{policy}' permission.")
{
    public string Policy { get; } = policy;
}

/// <summary>The signed-in member of staff, as feature services see them: every command checks its policy here.</summary>
public sealed class CurrentStaff(AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    public async Task<ClaimsPrincipal> RequireAsync(string policy)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var result = await authorization.AuthorizeAsync(user, policy);
        return result.Succeeded ? user : throw new StaffForbiddenException(policy);
    }
}
