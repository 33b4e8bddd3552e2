using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
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
        CsvDownload.ActAsRequestUser(http);
        var filter = QueueFilter.FromQueryString(http.Request.QueryString.Value ?? "");
        var at = clock.GetUtcNow();
        var rows = 0;
        async IAsyncEnumerable<string[]> Lines()
        {
            await foreach (var row in queue.AllRowsAsync(filter, http.RequestAborted))
            {
                rows++;
                yield return Fields(row);
            }
        }
        try
        {
            await CsvDownload.WriteAsync(http, $"customers-{at:yyyyMMdd-HHmm}.csv", Columns, Lines());
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
