using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Testing;

namespace Onboarding.Ops.Web.Tests;

/// <summary>Behind a TLS proxy: X-Forwarded-Proto makes the sign-in cookie Secure, but only when a known proxy sent it.</summary>
public sealed class ProxyTests : IDisposable
{
    private const string Peer = "X-Test-Peer";
    private readonly PeerAppFactory app = new(new Dictionary<string, string?> { ["Proxy:KnownProxies:0"] = "10.1.2.3" });

    public void Dispose() => app.Dispose();

    /// <summary>The test server has no network peer: this sets the one a request claims, before the app sees it.</summary>
    private sealed class PeerAppFactory(IReadOnlyDictionary<string, string?> settings) : OpsAppFactory(settings: settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter, SetPeer>());
        }

        private sealed class SetPeer : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, following) =>
                {
                    if (context.Request.Headers.TryGetValue(Peer, out var address))
                    {
                        context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                    }
                    return following(context);
                });
                next(app);
            };
        }
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("203.0.113.9", false)]
    public async Task SignInCookie_IsSecure_OnlyWhenAKnownProxySaysHttps(string peer, bool secure)
    {
        using var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Add(Peer, peer);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var signedIn = await client.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("OnboardingOps.Auth=", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }
}
