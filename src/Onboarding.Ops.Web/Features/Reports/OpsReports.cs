using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Reports;

/// <summary>A period of whole UTC days, both ends included, and optionally one partner.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, string? PartnerId = null)
{
    public const int MaxDays = 366;

    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public string ToQueryString() => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("", new Dictionary<string, string?>
    {
        ["from"] = From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["partner"] = PartnerId,
    }.Where(p => p.Value is not null)!);

    /// <summary>The period a query string names; the last 30 days when it names none or a bad one.</summary>
    public static ReportPeriod FromQueryString(string queryString, DateOnly today)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString);
        DateOnly? Date(string key) => DateOnly.TryParseExact(query.TryGetValue(key, out var v) ? v.ToString() : null, "yyyy-MM-dd",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var to = Date("to") ?? today;
        var from = Date("from") ?? to.AddDays(-29);
        var partner = query.TryGetValue("partner", out var p) && !string.IsNullOrWhiteSpace(p) ? p.ToString() : null;
        return from > to || to.DayNumber - from.DayNumber >= MaxDays ? new ReportPeriod(today.AddDays(-29), today, partner) : new ReportPeriod(from, to, partner);
    }
}

public enum ChartKind
{
    None,
    StackedBar,
    Bar,
    Donut,
}

/// <summary>One report as a table (shown under its chart, and its CSV): the chart plots <c>Series</c> columns over the first.</summary>
public sealed record ReportTable(string Key, string Title, string Explanation, string[] Columns, IReadOnlyList<string[]> Rows, ChartKind Chart, int[] Series);

/// <summary>
/// The operations reports for a period and a partner, from the tallies of the audit trail (<see cref="ReportTallies"/>).
/// Decision times are staff time: the clock runs only while the customer waits for a reviewer (pending, or an update to
/// re-verify), and stops while it waits on the customer or sits on hold.
/// </summary>
public sealed class OpsReports(CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, ReportTallies tallies)
{
    public static readonly IReadOnlyDictionary<string, string> Outcomes = new Dictionary<string, string>
    {
        ["approved"] = "Approved",
        ["rejected"] = "Rejected",
        ["information_requested"] = "Information requested",
        ["put_on_hold"] = "Put on hold",
        ["update_approved"] = "Update approved",
        ["update_declined"] = "Update declined",
    };

    internal static readonly string[] AccessActions = ["access_granted", "access_rejected", "access_revoked"];

    /// <summary>The reports in page order: the two wide tables first (each a row of its own), then the narrow ones in pairs.</summary>
    public static readonly string[] Keys = ["decisions", "reviewers", "time-to-decision", "sla-breaches", "rejection-reasons", "access-outcomes"];

    public async Task<IReadOnlyDictionary<string, string>> PartnersAsync(CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.Reports);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PartnerNamesAsync(cancellationToken);
    }

    /// <summary>Every report of the period, from its days' tallies (kept by the roll-up, or counted for the latest days).</summary>
    public async Task<IReadOnlyList<ReportTable>> BuildAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.Reports);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var series = (await tallies.ForAsync(db, period, cancellationToken)).ToLookup(t => t.Series);
        return
        [
            DecisionsPerDay(period, series[ReportTallies.Decision]),
            PerReviewer(series[ReportTallies.Decision]),
            TimeToDecision(series[ReportTallies.Staff]),
            SlaBreachesPerWeek(period, series[ReportTallies.Staff], series[ReportTallies.Breach]),
            RejectionReasons(series[ReportTallies.Reason]),
            AccessOutcomes(series[ReportTallies.Access]),
        ];
    }

    /// <summary>
    /// Nearest rank over the staff times per tenth of an hour: the smallest tenth with at least that share of decisions
    /// at or under it.
    /// </summary>
    private static double? HoursAt(List<(long Tenth, int Count)> counts, double quantile)
    {
        var total = counts.Sum(c => c.Count);
        var rank = Math.Max(1, (int)Math.Ceiling(quantile * total));
        var seen = 0;
        foreach (var (tenth, count) in counts.OrderBy(c => c.Tenth))
        {
            seen += count;
            if (seen >= rank)
            {
                return tenth / 10.0;
            }
        }
        return null;
    }

    private static string N(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static ReportTable DecisionsPerDay(ReportPeriod period, IEnumerable<ReportTally> decisions)
    {
        var byDay = decisions.ToLookup(c => c.Day);
        var rows = new List<string[]>();
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            rows.Add([day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), .. Outcomes.Keys.Select(o => N(byDay[day].Where(c => c.Key == o).Sum(c => c.Count)))]);
        }
        return new ReportTable("decisions", "Decisions per day", "Each decision on a customer, by outcome, on the day (UTC) it was made.",
            ["Day", .. Outcomes.Values], rows, ChartKind.StackedBar, [.. Enumerable.Range(1, Outcomes.Count)]);
    }

    private static ReportTable TimeToDecision(IEnumerable<ReportTally> staff)
    {
        var tenths = staff.GroupBy(t => long.Parse(t.Key, CultureInfo.InvariantCulture), t => t.Count).Select(g => (Tenth: g.Key, Count: g.Sum())).ToList();
        static string Hours(double? hours) => hours?.ToString("0.0", CultureInfo.InvariantCulture) ?? "—";
        return new ReportTable("time-to-decision", "Time to decision",
            "Staff time from submission (or the customer's answer) to approval, rejection or an update's decision; waiting on the customer and holds do not count.",
            ["Measure", "Hours"], [["Median (p50)", Hours(HoursAt(tenths, 0.5))], ["p90", Hours(HoursAt(tenths, 0.9))], ["Decisions", N(tenths.Sum(t => t.Count))]],
            ChartKind.None, []);
    }

    private static ReportTable SlaBreachesPerWeek(ReportPeriod period, IEnumerable<ReportTally> staff, IEnumerable<ReportTally> breaches)
    {
        static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var (decided, past) = (staff.ToLookup(t => Monday(t.Day)), breaches.ToLookup(t => Monday(t.Day)));
        var rows = new List<string[]>();
        for (var week = Monday(period.From); week <= period.To; week = week.AddDays(7))
        {
            rows.Add([week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), N(decided[week].Sum(t => t.Count)), N(past[week].Sum(t => t.Count))]);
        }
        return new ReportTable("sla-breaches", "SLA breaches per week", "Final decisions made each week (from Monday) and those whose staff time passed the target.",
            ["Week of", "Decisions", "Past their SLA"], rows, ChartKind.Bar, [1, 2]);
    }

    private static ReportTable RejectionReasons(IEnumerable<ReportTally> reasons) => new("rejection-reasons", "Rejection reasons",
        "Reason codes of customer rejections (a rejection may carry several).", ["Reason", "Rejections"],
        [.. reasons.GroupBy(r => r.Key, r => r.Count).Select(g => (Code: g.Key, Count: g.Sum())).OrderByDescending(g => g.Count).ThenBy(g => g.Code, StringComparer.Ordinal)
            .Select(g => new[] { g.Code, N(g.Count) })], ChartKind.Donut, [1]);

    private static ReportTable PerReviewer(IEnumerable<ReportTally> decisions) => new("reviewers", "Throughput per reviewer",
        "Decisions each person made, by outcome.", ["Reviewer", "Decisions", "Approved", "Rejected", "Information requested", "Put on hold"],
        [.. decisions.GroupBy(c => c.Detail).OrderByDescending(g => g.Sum(c => c.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new[]
        {
            g.Key, N(g.Sum(c => c.Count)),
            N(g.Where(c => c.Key is "approved" or "update_approved").Sum(c => c.Count)),
            N(g.Where(c => c.Key is "rejected" or "update_declined").Sum(c => c.Count)),
            N(g.Where(c => c.Key == "information_requested").Sum(c => c.Count)),
            N(g.Where(c => c.Key == "put_on_hold").Sum(c => c.Count)),
        })], ChartKind.Bar, [2, 3, 4, 5]);

    private static ReportTable AccessOutcomes(IEnumerable<ReportTally> access) => new("access-outcomes", "Access requests by product",
        "Product access granted, rejected and revoked in the period.", ["Product", "Granted", "Rejected", "Revoked"],
        [.. Enum.GetValues<Product>().Select(p => new[]
        {
            Products.Of(p).Name.Capitalised(),
            N(access.Where(a => a.Key == p.ToString() && a.Detail == "access_granted").Sum(a => a.Count)),
            N(access.Where(a => a.Key == p.ToString() && a.Detail == "access_rejected").Sum(a => a.Count)),
            N(access.Where(a => a.Key == p.ToString() && a.Detail == "access_revoked").Sum(a => a.Count)),
        })], ChartKind.StackedBar, [1, 2, 3]);
}
