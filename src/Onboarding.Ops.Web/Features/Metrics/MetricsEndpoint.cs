using System.Net;
using OpenTelemetry.Metrics;

namespace Onboarding.Ops.Web.Features.Metrics;

/// <summary>
/// The Prometheus scrape endpoint, off by default (<c>Metrics:Enabled</c>). A scraper does not sign in, so the
/// endpoint answers only the networks in <c>Metrics:ScrapeNetworks</c> (this machine's loopback always); anyone else
/// gets the app's 404, as if it did not exist.
/// </summary>
public static class MetricsEndpoint
{
    public const string EnabledKey = "Metrics:Enabled";

    public static IServiceCollection AddOpsMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue(EnabledKey, false))
        {
            return services;
        }
        services.AddSingleton<QueueGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueGauges>());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(OpsMetrics.MeterName)
            // http.server.request.duration by route and status: the partner API's latency and errors, the pages' too.
            .AddAspNetCoreInstrumentation()
            // Each scrape reads the instruments now (the exporter's default serves a copy up to 300 ms old); the
            // gauges are already counted in the background, so a scrape costs no query.
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static WebApplication UseOpsMetrics(this WebApplication app)
    {
        if (!app.Configuration.GetValue(EnabledKey, false))
        {
            return app;
        }
        var path = app.Configuration["Metrics:Path"] is { Length: > 0 } configured ? configured : "/metrics";
        var networks = (app.Configuration.GetSection("Metrics:ScrapeNetworks").Get<string[]>() ?? []).Select(IPNetwork.Parse).ToList();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == path && MayScrape(context.Connection.RemoteIpAddress, networks));
        return app;
    }

    /// <summary>Loopback, a listed network, or no address at all (a request made inside the process, as in tests).</summary>
    internal static bool MayScrape(IPAddress? address, IReadOnlyList<IPNetwork> networks) =>
        address is null || IPAddress.IsLoopback(address) || networks.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
}
