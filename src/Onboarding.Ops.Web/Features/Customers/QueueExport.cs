using System.Globalization;
using System.Security.Claims;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Customers;

/// <summary>
/// A queue view as CSV (<c>/customers/export.csv?</c> and the view's own query): every customer it lists, in its order,
/// streamed as it is read, and audited (who exported which view, how many rows).
/// </summary>
public static class QueueExport
{
    public const string Path = "/customers/export.csv";

    public static string UrlOf(QueueFilter filter) => Path + (filter with { Page = 0 }).ToQueryString();

    public static void MapQueueExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(Policies.Customers);

    private static async Task ExportAsync(HttpContext http, CustomerQueue queue, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock)
    {
        // The queue checks the policy again through the authentication state, which a plain request sets from its user.
        ((ServerAuthenticationStateProvider)http.RequestServices.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
        var filter = QueueFilter.FromQueryString(http.Request.QueryString.Value ?? "");
        var at = clock.GetUtcNow();
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"customers-{at:yyyyMMdd-HHmm}.csv\"";
        http.Response.Headers.CacheControl = "no-store";

        var rows = 0;
        try
        {
            await using var csv = CsvWriter.Create(http.Response.Body, null, leaveOpen: true);
            await csv.WriteRecordAsync(Columns, http.RequestAborted);
            await foreach (var row in queue.AllRowsAsync(filter, http.RequestAborted))
            {
                await csv.WriteRecordAsync(Fields(row), http.RequestAborted);
                rows++;
            }
            await csv.FlushAsync(http.RequestAborted);
        }
        finally
        {
            // Recorded even when the download was stopped part-way: what left the building is what counts.
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            db.AuditEntries.Add(AuditEntry.Create(http.User.ToActor(), at, "export", "customers", null, "queue_exported", null, null,
                details: new { view = filter.ToQueryString(), rows, complete = !http.RequestAborted.IsCancellationRequested }));
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    public static readonly string[] Columns =
    [
        "Id", "Name", "Type", "Level", "Verification", "Status", "WaitingSinceUtc", "CreatedAtUtc", "Sla", "Partner", "PartnerReference",
        "TopBlocker", "Assignee",
    ];

    /// <summary>One row's fields: times in UTC (ISO 8601), types and statuses as the partner API spells them.</summary>
    private static string[] Fields(QueueRow r) =>
    [
        r.Id.ToString(), r.Name, Wire.Of(r.Type), Wire.Of(r.Level), Wire.Of(r.Model), Wire.Of(r.Status), Iso(r.WaitingSince), Iso(r.CreatedAt),
        r.Sla.ToString(), r.Partner, r.PartnerReference ?? "", r.TopBlocker ?? "", r.Assignee ?? "",
    ];

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
