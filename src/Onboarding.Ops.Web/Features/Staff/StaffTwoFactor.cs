using Onboarding.Ops.Data;
using Microsoft.AspNetCore.Identity;
using Onboarding.Ops.Web.Identity;
using QRCoder;

namespace Onboarding.Ops.Web.Features.Staff;

/// <summary>
/// Two-factor sign-in with an authenticator app, on ASP.NET Core Identity's own TOTP provider (RFC 6238: SHA-1, 30 s,
/// six digits). What the account pages and Admin › Staff share: set up, recovery codes, removal.
/// </summary>
public static class StaffTwoFactor
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The name an authenticator app shows beside the code.</summary>
    public const string Issuer = "Onboarding Ops";

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

    /// <summary>The key as people type it: groups of four, lower case.</summary>
    public static string Readable(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(chunk => new string(chunk)));

    /// <summary>The otpauth URI (Google's key-URI format every authenticator app reads), drawn as an SVG QR code.</summary>
    public static string QrCodeSvg(string email, string key)
    {
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}"
            + $"?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        return new SvgQRCode(data).GetGraphic(4);
    }

    /// <summary>Codes are typed with spaces or dashes as apps show them.</summary>
    public static string Clean(string code) => code.Replace(" ", "").Replace("-", "").Trim();

    /// <summary>Six digits come from the app; anything else is taken for a recovery code.</summary>
    public static bool IsAppCode(string cleaned) => cleaned.Length == 6 && cleaned.All(char.IsAsciiDigit);

    /// <summary>Recovery codes are issued as XXXXX-XXXXX; people type them with or without the dash, in either case.</summary>
    public static string AsRecoveryCode(string cleaned)
    {
        var code = cleaned.ToUpperInvariant();
        return code.Length == 10 ? $"{code[..5]}-{code[5..]}" : code;
    }

    /// <summary>A fresh set of recovery codes, shown once; the old ones stop working.</summary>
    public static async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(UserManager<StaffUser> users, StaffUser user) =>
        [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!];

    /// <summary>Turns two-factor on once a code from the app proves the key was scanned; returns the recovery codes, or null.</summary>
    public static async Task<IReadOnlyList<string>?> EnrolAsync(UserManager<StaffUser> users, StaffUser user, string code)
    {
        var proved = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Clean(code));
        if (!proved)
        {
            return null;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        return await NewRecoveryCodesAsync(users, user);
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
