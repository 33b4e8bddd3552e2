using QRCoder;

namespace Onboarding.Ops.Web.Identity;

/// <summary>
/// Which roles must sign in with an authenticator app (setting <c>Identity:TwoFactor:RequiredRoles</c>, a comma-separated
/// list; empty means nobody). Every role may enrol; a required member of staff who has not is sent to enrolment.
/// </summary>
public sealed class TwoFactorPolicy(IReadOnlySet<string> requiredRoles)
{
    public const string RequiredRolesKey = "Identity:TwoFactor:RequiredRoles";

    /// <summary>The name an authenticator app shows beside the code.</summary>
    public const string Issuer = "Onboarding Ops";

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
}
