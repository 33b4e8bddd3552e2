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

    public static async Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The path a redirect points to, whether the app wrote it absolute or relative.</summary>
    public static string RedirectPath(this HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? new Uri(new Uri("http://localhost"), location).AbsolutePath
            : "";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
