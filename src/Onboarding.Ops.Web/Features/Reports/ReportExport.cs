using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Reports;

/// <summary>Each report's table as CSV (<c>/reports/{key}.csv?from=&amp;to=&amp;partner=</c>), audited like every export.</summary>
public static class ReportExport
{
    public static string UrlOf(string key, ReportPeriod period) => $"/reports/{key}.csv" + period.ToQueryString();

    public static void MapReportExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/reports/{key}.csv", ExportAsync).RequireAuthorization(Policies.Reports);

    private static async Task<IResult> ExportAsync(string key, HttpContext http, OpsReports reports, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock)
    {
        if (!OpsReports.Keys.Contains(key))
        {
            return Results.NotFound();
        }
        CsvDownload.ActAsRequestUser(http);
        var at = clock.GetUtcNow();
        var period = ReportPeriod.FromQueryString(http.Request.QueryString.Value ?? "", DateOnly.FromDateTime(at.UtcDateTime));
        var table = (await reports.BuildAsync(period, http.RequestAborted)).Single(t => t.Key == key);

        await using (var db = await contexts.CreateDbContextAsync(http.RequestAborted))
        {
            db.AuditEntries.Add(AuditEntry.Create(http.User.ToActor(), at, "export", "report", null, "report_exported", null, null,
                details: new { report = key, from = period.From, to = period.To, partner = period.PartnerId, rows = table.Rows.Count }));
            await db.SaveChangesAsync(http.RequestAborted);
        }
        await CsvDownload.WriteAsync(http, $"{key}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.csv", table.Columns, table.Rows.ToAsyncEnumerable());
        return Results.Empty;
    }
}
