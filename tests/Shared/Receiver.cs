using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Onboarding.Ops.Testing;

/// <summary>A partner's endpoint on loopback: records what arrives and answers what the test tells it to.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> answers = new();

    public ConcurrentQueue<(string Id, string Timestamp, string Signature, string Body)> Received { get; } = new();
    public TimeSpan Delay { get; set; }
    /// <summary>The answer when none was queued with <see cref="AnswerNext"/>.</summary>
    public int Status { get; set; } = 200;
    public string Url { get; }

    private Receiver(WebApplication app, string url) => (this.app, Url) = (app, url);

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        Receiver? receiver = null;
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            await Task.Delay(receiver!.Delay);
            receiver.Received.Enqueue((request.Headers["Webhook-Id"].ToString(), request.Headers["Webhook-Timestamp"].ToString(),
                request.Headers["Webhook-Signature"].ToString(), body));
            return Results.StatusCode(receiver.answers.TryDequeue(out var status) ? status : receiver.Status);
        });
        await app.StartAsync();
        receiver = new Receiver(app, app.Urls.First() + "/hooks");
        return receiver;
    }

    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            answers.Enqueue(status);
        }
    }

    /// <summary>What a partner does with its secret: recompute the HMAC of "timestamp.body" and compare.</summary>
    public static bool Verifies(string secret, (string Id, string Timestamp, string Signature, string Body) delivery) =>
        delivery.Signature == "v1=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{delivery.Timestamp}.{delivery.Body}")));

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

