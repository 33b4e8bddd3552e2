using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Hosting;

namespace Onboarding.Ops.Web.Features.Webhooks;

/// <summary>
/// Delivers the outbox: each partner's pending events in the order they happened, signed, retried with exponential
/// backoff for 24 hours, then marked failed. An event is marked delivered only after a 2xx, in the database; a crash
/// in between means one more delivery of the same event id, which partners de-duplicate on. With several app instances,
/// each partner's events are sent by the instance holding that partner's lease: every instance dispatches, each partner
/// by one at a time, so an event goes out once and a partner's events in order.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<OpsDbContext> contexts, IHttpClientFactory http, WebhookSecrets secrets, AppInstance instance, TimeProvider clock,
    ILogger<WebhookDispatcher> log, Metrics.OpsMetrics metrics)
{
    /// <summary>Longer than a delivery can take (the HTTP timeout), renewed after each one.</summary>
    private static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(2);

    public const string HttpClientName = "webhooks";
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>30 s after the first failure, doubling, at most an hour apart.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attempts - 1), 3600));

    /// <summary>"{timestamp}.{body}" signed with the partner's secret: what a partner recomputes to trust a delivery.</summary>
    public static string Signature(string secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>One pass over what is due now. Returns the number of deliveries attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var events = db.Set<WebhookEvent>();
        var partners = await events.Where(e => e.State == DeliveryState.Pending).Select(e => e.PartnerId).Distinct().ToListAsync(cancellationToken);
        var attempted = 0;
        foreach (var partnerId in partners)
        {
            var lease = "webhooks:" + partnerId;
            if (!await db.TryTakeAsync(lease, instance, now, LeaseFor, cancellationToken))
            {
                continue; // another instance is sending this partner's events
            }
            var endpoint = await db.Partners.AsNoTracking().IgnoreAutoIncludes().Where(p => p.Id == partnerId)
                .Select(p => new { p.WebhookUrl, p.SealedWebhookSecret }).SingleOrDefaultAsync(cancellationToken);
            var secret = endpoint?.SealedWebhookSecret is { } sealedSecret ? secrets.Open(sealedSecret) : null;
            while (await events.Where(e => e.PartnerId == partnerId && e.State == DeliveryState.Pending)
                       .OrderBy(e => e.Sequence).FirstOrDefaultAsync(cancellationToken) is { } next && next.NextAttemptAt <= now)
            {
                if (endpoint?.WebhookUrl is not { } url || endpoint.SealedWebhookSecret is null)
                {
                    next.State = DeliveryState.NoEndpoint;
                    metrics.WebhookAttempt("no_endpoint");
                    await db.SaveChangesAsync(cancellationToken);
                    continue;
                }
                // An unreadable secret is retried like a refused delivery, so the events go out once the admin rotates it.
                var (status, error) = secret is null ? (null, UnreadableSecret) : await SendAsync(next, url, secret, now, cancellationToken);
                Record(next, status, error, now);
                await db.SaveChangesAsync(cancellationToken);
                attempted++;
                if (next.State != DeliveryState.Delivered
                    || !await db.TryTakeAsync(lease, instance, clock.GetUtcNow(), LeaseFor, cancellationToken))
                {
                    break; // later events of this partner wait, so they arrive in order
                }
            }
            await db.ReleaseAsync(lease, instance, cancellationToken);
        }
        return attempted;
    }

    private const string UnreadableSecret = "The signing secret cannot be read with this server's encryption keys: rotate it in Admin › Partners.";

    private async Task<(int? Status, string? Error)> SendAsync(WebhookEvent pending, string url, string secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(pending.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Webhook-Id", pending.Id.ToString());
        request.Headers.Add("Webhook-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Webhook-Signature", Signature(secret, timestamp, pending.Body));
        int? status = null;
        string? error = null;
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = e is TaskCanceledException ? "timed out" : e.Message;
        }
        return (status, error);
    }

    private void Record(WebhookEvent pending, int? status, string? error, DateTimeOffset now)
    {
        pending.Attempts++;
        var attempt = new WebhookAttempt { EventId = pending.Id, At = now, StatusCode = status, Error = error?[..Math.Min(error.Length, 500)] };
        if (status is >= 200 and < 300)
        {
            pending.State = DeliveryState.Delivered;
            pending.DeliveredAt = now;
            metrics.WebhookAttempt("delivered");
        }
        else if (now + Backoff(pending.Attempts) > pending.RetryWindowFrom + Window)
        {
            pending.State = DeliveryState.Failed;
            metrics.WebhookAttempt("failed");
            log.LogWarning("Webhook {EventId} to {Partner} failed for good after {Attempts} attempts", pending.Id, pending.PartnerId, pending.Attempts);
        }
        else
        {
            pending.NextAttemptAt = now + Backoff(pending.Attempts);
            attempt.NextAttemptAt = pending.NextAttemptAt;
            metrics.WebhookAttempt("retrying");
        }
        pending.AttemptLog.Add(attempt);
    }
}

/// <summary>Runs the dispatcher every few seconds on the app's clock.</summary>
public sealed class WebhookDelivery(WebhookDispatcher dispatcher, TimeProvider clock, IConfiguration configuration, ILogger<WebhookDelivery> log)
    : Recurring(clock, log)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Webhooks:PollSeconds", 5)));

    protected override Task RunAsync(CancellationToken stoppingToken) => dispatcher.DeliverDueAsync(stoppingToken);
}
