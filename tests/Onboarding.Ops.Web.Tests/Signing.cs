using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Onboarding.Ops.Testing;

namespace Onboarding.Ops.Web.Tests;

/// <summary>Signs in through the real login form (antiforgery and all), as a browser would.</summary>
public static partial class Signing
{
    public static HttpClient AnonymousClient(this OpsAppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpClient> SignedInClientAsync(this OpsAppFactory app, string email, string password = OpsAppFactory.DemoPassword)
    {
        var client = app.AnonymousClient();
        var response = await client.PostLoginAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, string email, string password) =>
        client.PostFormAsync("/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>The second step of a sign-in with two-factor on: a code from the app, or a recovery code.</summary>
    public static Task<HttpResponseMessage> PostSecondFactorAsync(this HttpClient client, string code, bool rememberDevice = false)
    {
        var fields = new Dictionary<string, string> { ["Input.Code"] = code };
        if (rememberDevice)
        {
            fields["Input.RememberDevice"] = "true";
        }
        return client.PostFormAsync("/Account/LoginWith2fa", "second-factor", fields);
    }

    /// <summary>Sets up the authenticator as a person would: reads the key off the page and types the code it gives.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAuthenticatorAsync(this HttpClient client)
    {
        var page = await client.GetStringAsync("/Account/Manage/EnableAuthenticator");
        var key = AuthenticatorKey().Match(page).Groups[1].Value.Replace(" ", "").ToUpperInvariant();
        var response = await client.PostFormAsync("/Account/Manage/EnableAuthenticator", "enable-authenticator",
            new() { ["Input.Code"] = Totp(key, DateTime.UtcNow) });
        var done = await response.Content.ReadAsStringAsync();
        var codes = RecoveryCode().Matches(done).Select(m => m.Groups[1].Value).ToList();
        Assert.True(codes.Count > 0, "Enrolment did not show recovery codes.");
        return (key, codes);
    }

    /// <summary>The six digits an authenticator app shows for <paramref name="key"/> at <paramref name="at"/>.</summary>
    public static string Totp(string key, DateTime at) => new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(at);

    public static Task<HttpResponseMessage> SignOutAsync(this HttpClient client) =>
        client.PostFormAsync("/Account/Logout", null, [], tokenFrom: "/Account/Manage/TwoFactor");

    /// <summary>Posts a static form with the antiforgery token of the page it is on, as the browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string path, string? formName, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        var form = await client.GetStringAsync(tokenFrom ?? path);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value;
        if (formName is not null)
        {
            fields["_handler"] = formName;
        }
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The path a redirect points to, whether the app wrote it absolute or relative.</summary>
    public static string RedirectPath(this HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? new Uri(new Uri("http://localhost"), location).AbsolutePath
            : "";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("data-testid=\"authenticator-key\">([^<]+)<")]
    private static partial Regex AuthenticatorKey();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}
