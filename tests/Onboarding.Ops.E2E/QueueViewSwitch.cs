using System.Diagnostics;
using Microsoft.Playwright;

namespace Onboarding.Ops.Testing;

/// <summary>The reviewer's view switch as the benchmarks time it: from the click on a view's tab to the new view's first row.</summary>
public static class QueueViewSwitch
{
    /// <summary>Switches between two views of an open queue page <paramref name="times"/> times (after one untimed switch); the times in ms.</summary>
    public static async Task<List<double>> MeasureAsync(IPage page, int times)
    {
        var took = new List<double>();
        string[] views = ["Waiting on customer", "Needs review"];
        for (var i = 0; i <= times; i++)
        {
            // The table is kept and its rows keyed by customer: the two views share no customer, so the new view's
            // rows are new elements, and the old ones are marked.
            await page.EvaluateAsync("document.querySelectorAll('tbody tr').forEach(r => r.dataset.old = '1')");
            var started = Stopwatch.GetTimestamp();
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Queue views" })
                .GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + views[i % 2]) }).ClickAsync();
            await page.Locator("tbody tr.mud-table-row:not([data-old]) a").First.WaitForAsync(new() { Timeout = 60_000 });
            if (i > 0)
            {
                took.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        return took;
    }
}
