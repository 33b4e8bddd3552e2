using Microsoft.AspNetCore.Identity;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Staff;

/// <summary>
/// Two-factor sign-in with an authenticator app, on ASP.NET Core Identity's own TOTP provider (RFC 6238: SHA-1, 30 s,
/// six digits). What the account pages and Admin › Staff share: set up, recovery codes, removal.
/// </summary>
public static class StaffTwoFactor
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The user's authenticator key, made on first sight (not yet in force until a code confirms it).</summary>
    public static async Task<string> KeyAsync(UserManager<StaffUser> users, StaffUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        return key!;
    }

    /// <summary>Codes are typed with spaces or dashes as apps show them.</summary>
    public static string Clean(string code) => code.Replace(" ", "").Replace("-", "").Trim();

    /// <summary>Turns two-factor on once a code from the app proves the key was scanned; returns the recovery codes, or null.</summary>
    public static async Task<IReadOnlyList<string>?> EnrolAsync(UserManager<StaffUser> users, StaffUser user, string code)
    {
        var proved = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Clean(code));
        if (!proved)
        {
            return null;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        return [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!];
    }

    /// <summary>
    /// Turns two-factor off, with a new key and no recovery codes: the old phone, codes and remembered devices stop working
    /// (the security stamp changes). If the user's role requires two-factor, their next page is enrolment.
    /// </summary>
    public static async Task<IdentityResult> RemoveAsync(UserManager<StaffUser> users, StaffUser user)
    {
        var off = await users.SetTwoFactorEnabledAsync(user, false);
        if (!off.Succeeded)
        {
            return off;
        }
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        return await users.ResetAuthenticatorKeyAsync(user);
    }
}
