using System.Security.Cryptography;

namespace Onboarding.Ops.Domain;

/// <summary>Long random secrets (API keys, webhook secrets, verification links), URL-safe.</summary>
public static class Secrets
{
    public static string New(string prefix = "") =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
