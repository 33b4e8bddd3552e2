using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Web.Features.Overview;
using Onboarding.Ops.Web.Features.Reports;

namespace Onboarding.Ops.Web.Features.Metrics;

/// <summary>
/// The back office's figures as OpenTelemetry instruments of the meter <see cref="MeterName"/>: counters recorded where
/// the thing happens, gauges read from <see cref="QueueGauges"/>. Always recorded (a few additions); exported to
/// Prometheus only when <c>Metrics:Enabled</c> (<see cref="MetricsEndpoint"/>).
/// </summary>
public sealed class OpsMetrics
{
    public const string MeterName = "Onboarding.Ops";

    private static readonly HashSet<string> DecisionActions = [.. OpsReports.Outcomes.Keys, .. OpsReports.AccessActions];

    private readonly Counter<long> decisions;
    private readonly Counter<long> webhookDeliveries;
    private readonly Counter<long> partnerApiRequests;

    public OpsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        decisions = meter.CreateCounter<long>("ops.decisions", description: "Decisions saved on customers and access requests, by action");
        webhookDeliveries = meter.CreateCounter<long>("ops.webhook.deliveries", description: "Webhook delivery attempts, by outcome");
        partnerApiRequests = meter.CreateCounter<long>("ops.partner_api.requests", description: "Partner API requests answered, by partner and status code");
        Meter = meter;
    }

    internal Meter Meter { get; }

    /// <summary>Counts the decisions among audit entries just saved.</summary>
    public void Saved(IEnumerable<string> auditActions)
    {
        foreach (var action in auditActions.Where(DecisionActions.Contains))
        {
            decisions.Add(1, new KeyValuePair<string, object?>("action", action));
        }
    }

    /// <param name="outcome">delivered, retrying, failed or no_endpoint.</param>
    public void WebhookAttempt(string outcome) => webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Middleware of the partner API's paths: counts each request once answered, refusals (401, 429) included.</summary>
    public static async Task CountPartnerRequestAsync(HttpContext context, RequestDelegate next)
    {
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            // The partner is known once the key was checked (the endpoint's policy); before that the request was refused.
            var partner = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "none";
            context.RequestServices.GetRequiredService<OpsMetrics>().partnerApiRequests.Add(1,
                new KeyValuePair<string, object?>("partner", partner), new KeyValuePair<string, object?>("status_code", status));
        }
    }
}

/// <summary>
/// Counts the decisions a save wrote, once the save succeeded: the audit entries added are noted as the save starts
/// and counted when it has committed (a refused or conflicting save counts nothing).
/// </summary>
public sealed class DecisionsCounter(OpsMetrics metrics) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<string>> saving = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Count(eventData.Context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? db)
    {
        if (db is not null)
        {
            saving.AddOrUpdate(db, [.. db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Action)]);
        }
    }

    private void Count(DbContext? db)
    {
        if (db is not null && saving.TryGetValue(db, out var actions))
        {
            metrics.Saved(actions);
            saving.Remove(db);
        }
    }

    private void Forget(DbContext? db)
    {
        if (db is not null)
        {
            saving.Remove(db);
        }
    }
}

/// <summary>
/// The queues' depth by waiting age and past their SLA, as gauges. Counting takes a few queries, so it is done every
/// <c>Metrics:RefreshSeconds</c> in the background and a scrape reads the last figures. Every instance reports the
/// same database-wide figures: aggregate them across instances with max, not sum.
/// </summary>
public sealed class QueueGauges : Recurring
{
    private readonly IServiceScopeFactory scopes;
    private readonly TimeSpan interval;
    private volatile Snapshot? last;

    private sealed record Snapshot(QueueDepth Review, QueueDepth Access);

    public QueueGauges(OpsMetrics metrics, IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<QueueGauges> logger)
        : base(clock, logger)
    {
        this.scopes = scopes;
        interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Metrics:RefreshSeconds", 30)));
        metrics.Meter.CreateObservableGauge("ops.review_queue.depth", () => ByAge(last?.Review),
            description: "Customers waiting for a reviewer, by how long they have waited (age)");
        metrics.Meter.CreateObservableGauge("ops.review_queue.past_sla", () => Overdue(last?.Review),
            description: "Customers waiting for a reviewer past their SLA");
        metrics.Meter.CreateObservableGauge("ops.access_queue.depth", () => ByAge(last?.Access),
            description: "Access requests ready to decide, by how long they have waited (age)");
        metrics.Meter.CreateObservableGauge("ops.access_queue.past_sla", () => Overdue(last?.Access),
            description: "Access requests ready to decide past their SLA");
    }

    protected override TimeSpan Interval => interval;

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = Clock.GetUtcNow();
        var review = await OverviewFigures.ReviewQueueOf(scope.ServiceProvider.GetRequiredService<Customers.CustomerQueue>(),
            scope.ServiceProvider.GetRequiredService<IDbContextFactory<OpsDbContext>>(), now, me: null, stoppingToken);
        var ready = await scope.ServiceProvider.GetRequiredService<AccessRequests.AccessRequestQueue>().ReadyUncheckedAsync(stoppingToken);
        last = new Snapshot(review, OverviewFigures.AccessQueueOf(ready, now));
    }

    private static IEnumerable<Measurement<int>> ByAge(QueueDepth? depth) => depth is null ? [] :
        depth.ByAge.Zip(Enum.GetValues<WaitingAge>(), (figure, age) =>
            new Measurement<int>(figure.Count, new KeyValuePair<string, object?>("age", WaitingAges.Wire(age))));

    private static IEnumerable<Measurement<int>> Overdue(QueueDepth? depth) => depth is null ? [] : [new Measurement<int>(depth.Overdue.Count)];
}
