using CsvHelper;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Onboarding.Ops.Web.Features;

/// <summary>A staff member's CSV download: a file never cached, its rows streamed as they are read.</summary>
public static class CsvDownload
{
    /// <summary>
    /// The feature services check their policy through the authentication state, as on a page; a plain request sets it
    /// from its own (already authorized) user.
    /// </summary>
    public static void ActAsRequestUser(HttpContext http) =>
        ((ServerAuthenticationStateProvider)http.RequestServices.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));

    public static async Task WriteAsync(HttpContext http, string fileName, string[] columns, IAsyncEnumerable<string[]> rows)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        http.Response.Headers.CacheControl = "no-store";
        await using var csv = CsvWriter.Create(http.Response.Body, null, leaveOpen: true);
        await csv.WriteRecordAsync(columns, http.RequestAborted);
        await foreach (var row in rows.WithCancellation(http.RequestAborted))
        {
            await csv.WriteRecordAsync(row, http.RequestAborted);
        }
        await csv.FlushAsync(http.RequestAborted);
    }
}
