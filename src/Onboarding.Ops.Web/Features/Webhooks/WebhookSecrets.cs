using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Onboarding.Ops.Web.Features.Webhooks;

/// <summary>
/// Webhook signing secrets are encrypted at rest with ASP.NET Core Data Protection, so a copy of the database alone
/// does not reveal them. The key ring is kept apart from the database (DataProtection:KeysPath); a secret sealed under
/// a key ring that is gone cannot be opened, and the admin rotates it.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Onboarding.Ops.WebhookSecrets.v1");

    public string Seal(string secret) => protector.Protect(secret);

    /// <summary>The secret in the clear, or null when this key ring cannot open it.</summary>
    public string? Open(string sealedSecret)
    {
        try
        {
            return protector.Unprotect(sealedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
