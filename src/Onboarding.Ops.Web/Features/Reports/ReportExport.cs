using CsvHelper;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
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
        ((ServerAuthenticationStateProvider)http.RequestServices.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
        var at = clock.GetUtcNow();
        var period = ReportPeriod.FromQueryString(http.Request.QueryString.Value ?? "", DateOnly.FromDateTime(at.UtcDateTime));
        var table = (await reports.BuildAsync(period, http.RequestAborted)).Single(t => t.Key == key);

        await using (var db = await contexts.CreateDbContextAsync(http.RequestAborted))
        {
            db.AuditEntries.Add(AuditEntry.Create(http.User.ToActor(), at, "export", "report", null, "report_exported", null, null,
                details: new { report = key, from = period.From, to = period.To, partner = period.PartnerId, rows = table.Rows.Count }));
            await db.SaveChangesAsync(http.RequestAborted);
        }
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{key}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        await using var csv = CsvWriter.Create(http.Response.Body, null, leaveOpen: true);
        await csv.WriteRecordAsync(table.Columns, http.RequestAborted);
        foreach (var row in table.Rows)
        {
            await csv.WriteRecordAsync(row, http.RequestAborted);
        }
        await csv.FlushAsync(http.RequestAborted);
        return Results.Empty;
    }
}
