using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Onboarding.Ops.Web.Components.Shared;

/// <summary>
/// Catches an error inside a page so the shell stays usable, and logs it under a correlation id
/// that the user can quote; the exception itself is never shown.
/// </summary>
public sealed class OpsErrorBoundary : ErrorBoundary
{
    [Inject] private ILogger<OpsErrorBoundary> Logger { get; set; } = default!;

    public string? CorrelationId { get; private set; }

    protected override Task OnErrorAsync(Exception exception)
    {
        CorrelationId = Guid.NewGuid().ToString("N")[..12];
        Logger.LogError(exception, "Unhandled error in a page, correlation id {CorrelationId}", CorrelationId);
        return Task.CompletedTask;
    }
}
