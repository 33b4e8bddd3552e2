using System.Net;

namespace Onboarding.Ops.Web.Tests;

public sealed class HostingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Health_WithoutSignIn_AnswersHealthyWithNoDetails(string path)
    {
        using var client = fixture.App.AnonymousClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/assets/ops.css", "text/css")]
    [InlineData("/assets/logo.svg", "image/svg+xml")]
    [InlineData("/assets/favicon.svg", "image/svg+xml")]
    public async Task Assets_FromWwwrootAssets_AreServedWithABody(string path, string contentType)
    {
        using var client = fixture.App.AnonymousClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UnknownPage_WhenSignedIn_ShowsTheNotFoundPageWith404()
    {
        using var client = await fixture.App.SignedInClientAsync(Testing.OpsAppFactory.Support);

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsAnErrorAndStaysSignedOut()
    {
        using var client = fixture.App.AnonymousClient();

        var response = await client.PostLoginAsync(Testing.OpsAppFactory.ProductApprover, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is not right", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("/Account/Login", "camera=()")]
    [InlineData("/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "camera=(self)")]
    public async Task Pages_SendTheSecurityHeaders_WithTheImportMapsNonceInThePolicy(string path, string camera)
    {
        using var client = fixture.App.AnonymousClient();

        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        var policy = string.Join("", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        var importMap = System.Text.RegularExpressions.Regex.Match(html, "<script[^>]*importmap[^>]*>").Value;
        Assert.Contains($"nonce=\"{nonce}\"", importMap);
        Assert.Equal("no-referrer", string.Join("", response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains(camera, string.Join("", response.Headers.GetValues("Permissions-Policy")));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task TwoPages_GetTwoNonces()
    {
        using var client = fixture.App.AnonymousClient();

        var first = string.Join("", (await client.GetAsync("/Account/Login")).Headers.GetValues("Content-Security-Policy"));
        var second = string.Join("", (await client.GetAsync("/Account/Login")).Headers.GetValues("Content-Security-Policy"));

        Assert.NotEqual(first, second);
    }
}
