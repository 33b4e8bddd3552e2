using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Hosting;

public static class OpsHealth
{
    public const string Ready = "ready";

    /// <summary>/health says the process answers; /health/ready says the database is reachable and migrated. No details leak.</summary>
    public static void MapOpsHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) })
            .AllowAnonymous();
    }
}

public sealed class MigrationsAppliedCheck(IDbContextFactory<OpsDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
        return pending.Any() ? HealthCheckResult.Unhealthy() : HealthCheckResult.Healthy();
    }
}
