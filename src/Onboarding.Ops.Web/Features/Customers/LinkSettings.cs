namespace Onboarding.Ops.Web.Features.Customers;

/// <summary>How long a verification link lives (HostedFlow:LinkLifetimeDays) and the address it is built on.</summary>
public sealed record LinkSettings(TimeSpan Lifetime, string? PublicBaseUrl)
{
    public const string Path = "/verify/";

    /// <summary>The link the end user opens: the configured public address, or the one this request came to.</summary>
    public string UrlOf(string requestBase, string token) => (PublicBaseUrl ?? requestBase).TrimEnd('/') + Path + token;
}
