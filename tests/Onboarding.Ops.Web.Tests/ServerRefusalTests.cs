using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Partners;

namespace Onboarding.Ops.Web.Tests;

/// <summary>
/// What the real server (Kestrel, not the test server) refuses, sent as raw bytes the way a hostile or broken client
/// would: each is a 4xx, nothing changes, nothing is logged as an error.
/// </summary>
public sealed class ServerRefusalTests : IAsyncLifetime
{
    private readonly OpsAppFactory app = new(settings: new Dictionary<string, string?> { ["DemoData:Customers"] = "0" });
    private Uri address = default!;
    private string key = "";

    public async Task InitializeAsync()
    {
        app.UseKestrel(0);
        app.StartServer();
        address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var partner = (await app.RunAsAsync<PartnerDirectory, IReadOnlyList<PartnerSummary>>(OpsAppFactory.Admin, d => d.ListAsync())).First();
        key = (await app.RunAsAsync<PartnerDirectory, IssuedKey>(OpsAppFactory.Admin, d => d.IssueKeyAsync(partner.Id, partner.Version))).Secret!;
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Sends the bytes and reads the whole answer: each request here ends with the server closing the connection.</summary>
    private async Task<string> SendAsync(string request)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address.Host, address.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        var answer = new StringBuilder();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        return answer.ToString();
    }

    private string Get(string target, string extraHeader = "") =>
        $"GET {target} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {key}\r\n{extraHeader}Connection: close\r\n\r\n";

    [Theory]
    [InlineData("a NUL byte in the path", "/api/v1/customers/ab%00cd", "", "400")]
    [InlineData("a request line over 8 KB", "/api/v1/customers/{long}", "", "414")]
    [InlineData("headers over 32 KB", "/api/v1/card-types", "X-Padding: {long}\r\n", "431")]
    public async Task RequestLineOrHeaders_TheServerRefuses_AreA4xx_BeforeTheApp(string what, string target, string header, string status)
    {
        var padding = new string('a', 40_000);

        var answer = await SendAsync(Get(target.Replace("{long}", padding), header.Replace("{long}", padding)));

        Assert.True(answer.StartsWith($"HTTP/1.1 {status} "), $"{what}: {answer.Split("\r\n")[0]}");
        Assert.True(app.Errors.Count == 0, string.Join("\n", app.Errors));
    }

    [Fact]
    public async Task ABodyThatStopsComing_IsA408InTheEnvelope_AndCreatesNothing()
    {
        const string part = """{"type":"individual","level":"basic",""";

        // Kestrel's minimum body rate (240 bytes/s after a 5 s grace) gives up on the rest of the 500 bytes promised.
        var answer = await SendAsync($"POST /api/v1/customers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {key}\r\n"
            + $"Content-Type: application/json\r\nContent-Length: 500\r\nConnection: close\r\n\r\n{part}");

        Assert.StartsWith("HTTP/1.1 408 ", answer);
        Assert.Contains("\"status\":\"error\"", answer);
        Assert.Contains("\"code\":\"invalid_body\"", answer);
        Assert.True(app.Errors.Count == 0, string.Join("\n", app.Errors));
        await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        Assert.Equal(0, await db.Customers.CountAsync());
    }

    [Fact]
    public async Task AWellFormedRequest_OverTheSameSocketCode_IsAnswered()
    {
        // The harness itself: a plain request over a raw socket gets the API's answer, so the refusals above are the server's.
        var answer = await SendAsync(Get("/api/v1/card-types"));

        Assert.StartsWith("HTTP/1.1 200 ", answer);
    }
}
