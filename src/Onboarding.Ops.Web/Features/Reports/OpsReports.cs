using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;
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
/// The operations reports, computed from the audit trail (every decision is an entry with its actor, time, statuses and
/// reasons) for a period and a partner. Decision times are staff time: the clock runs only while the customer waits
/// for a reviewer (pending, or an update to re-verify), and stops while it waits on the customer or sits on hold.
/// </summary>
public sealed class OpsReports(CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, SlaTargets sla)
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

    private static readonly string[] Final = ["approved", "rejected", "update_approved", "update_declined"];
    private static readonly string[] StaffStatuses = [Wire.Of(CustomerStatus.Pending), Wire.Of(CustomerStatus.UpdateRequested)];
    private static readonly string[] DecidedStatuses = [Wire.Of(CustomerStatus.Active), Wire.Of(CustomerStatus.Rejected)];
    internal static readonly string[] AccessActions = ["access_granted", "access_rejected", "access_revoked"];

    public static readonly string[] Keys = ["decisions", "time-to-decision", "sla-breaches", "rejection-reasons", "reviewers", "access-outcomes"];

    public async Task<IReadOnlyDictionary<string, string>> PartnersAsync(CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.Reports);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PartnerNamesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReportTable>> BuildAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.Reports);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (start, end) = (period.Start, period.End);

        var entries = db.AuditEntries.AsNoTracking().Where(e => e.At >= start && e.At < end);
        var customerEntries = entries.Where(e => e.SubjectType == Customer.SubjectType);
        if (period.PartnerId is { } partner)
        {
            customerEntries = customerEntries.Where(e => db.Customers.Any(c => c.Id == e.CustomerId && c.PartnerId == partner));
        }
        var outcomes = Outcomes.Keys.ToArray();
        var decisions = await customerEntries.Where(e => outcomes.Contains(e.Action))
            .Select(e => new Decision(e.At, e.Action, e.ActorName, e.ReasonCodes, e.CustomerId, e.StatusBefore)).ToListAsync(cancellationToken);
        var staffTimes = await StaffTimesAsync(db, decisions.Where(d => Final.Contains(d.Action)).ToList(), cancellationToken);

        var accessQuery = db.AccessRequests.AsNoTracking();
        if (period.PartnerId is { } accessPartner)
        {
            accessQuery = accessQuery.Where(r => r.PartnerId == accessPartner);
        }
        var accessEntries = await entries.Where(e => e.SubjectType == AccessRequest.SubjectType && AccessActions.Contains(e.Action))
            .Select(e => new { e.Action, e.SubjectId }).ToListAsync(cancellationToken);
        var requestIds = accessEntries.Select(a => Guid.TryParse(a.SubjectId, out var id) ? id : Guid.Empty).Distinct().ToList();
        var products = await accessQuery.Where(r => requestIds.Contains(r.Id)).Select(r => new { r.Id, r.Product })
            .ToDictionaryAsync(r => r.Id.ToString(), r => r.Product, cancellationToken);
        var access = accessEntries.Where(a => products.ContainsKey(a.SubjectId)).Select(a => (a.Action, products[a.SubjectId])).ToList();

        return
        [
            DecisionsPerDay(period, decisions),
            TimeToDecision(staffTimes),
            SlaBreachesPerWeek(period, staffTimes),
            RejectionReasons(decisions),
            PerReviewer(decisions),
            AccessOutcomes(access),
        ];
    }

    private sealed record Decision(DateTimeOffset At, string Action, string Actor, IReadOnlyList<string> Reasons, Guid? CustomerId, string? StatusBefore);

    private sealed record StaffTime(DateTimeOffset At, TimeSpan Time, TimeSpan Target);

    /// <summary>For each final decision, the staff time of its cycle, from the customer's status changes in the trail.</summary>
    private async Task<List<StaffTime>> StaffTimesAsync(OpsDbContext db, List<Decision> decisions, CancellationToken cancellationToken)
    {
        var ids = decisions.Where(d => d.CustomerId is not null).Select(d => d.CustomerId!.Value).Distinct().ToList();
        var last = decisions.Count == 0 ? DateTimeOffset.MinValue : decisions.Max(d => d.At);
        var changes = (await db.AuditEntries.AsNoTracking()
                .Where(e => e.SubjectType == Customer.SubjectType && e.CustomerId != null && ids.Contains(e.CustomerId.Value) && e.StatusAfter != null && e.At <= last)
                .Select(e => new { CustomerId = e.CustomerId!.Value, e.At, e.Id, e.StatusAfter }).ToListAsync(cancellationToken))
            .GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => (e.At, Status: e.StatusAfter!)).ToList());

        var times = new List<StaffTime>();
        foreach (var decision in decisions.Where(d => d.CustomerId is not null && changes.ContainsKey(d.CustomerId.Value)))
        {
            var staff = TimeSpan.Zero;
            (DateTimeOffset At, string Status)? current = null;
            foreach (var change in changes[decision.CustomerId!.Value].TakeWhile(c => c.At <= decision.At))
            {
                if (current is { } running && StaffStatuses.Contains(running.Status))
                {
                    staff += change.At - running.At;
                }
                // An earlier decision closed an earlier cycle: this decision's clock starts after it.
                if (change.At < decision.At && DecidedStatuses.Contains(change.Status))
                {
                    staff = TimeSpan.Zero;
                }
                current = change;
            }
            var target = decision.StatusBefore == Wire.Of(CustomerStatus.UpdateRequested) ? sla.UpdateReview : sla.PendingReview;
            times.Add(new StaffTime(decision.At, staff, target));
        }
        return times;
    }

    private static ReportTable DecisionsPerDay(ReportPeriod period, List<Decision> decisions)
    {
        var byDay = decisions.GroupBy(d => DateOnly.FromDateTime(d.At.UtcDateTime)).ToDictionary(g => g.Key, g => g.ToList());
        var rows = new List<string[]>();
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            var those = byDay.GetValueOrDefault(day) ?? [];
            rows.Add([day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), .. Outcomes.Keys.Select(o => those.Count(d => d.Action == o).ToString(CultureInfo.InvariantCulture))]);
        }
        return new ReportTable("decisions", "Decisions per day", "Each decision on a customer, by outcome, on the day (UTC) it was made.",
            ["Day", .. Outcomes.Values], rows, ChartKind.StackedBar, [.. Enumerable.Range(1, Outcomes.Count)]);
    }

    private static ReportTable TimeToDecision(List<StaffTime> times)
    {
        // Nearest rank: the smallest time with at least that share of decisions at or under it.
        string Hours(double quantile) => times.Count == 0 ? "—"
            : times.Select(t => t.Time.TotalHours).Order().ElementAt(Math.Max(0, (int)Math.Ceiling(quantile * times.Count) - 1)).ToString("0.0", CultureInfo.InvariantCulture);
        return new ReportTable("time-to-decision", "Time to decision",
            "Staff time from submission (or the customer's answer) to approval, rejection or an update's decision; waiting on the customer and holds do not count.",
            ["Measure", "Hours"], [["Median (p50)", Hours(0.5)], ["p90", Hours(0.9)], ["Decisions", times.Count.ToString(CultureInfo.InvariantCulture)]],
            ChartKind.None, []);
    }

    private static ReportTable SlaBreachesPerWeek(ReportPeriod period, List<StaffTime> times)
    {
        static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var rows = new List<string[]>();
        for (var week = Monday(period.From); week <= period.To; week = week.AddDays(7))
        {
            var those = times.Where(t => Monday(DateOnly.FromDateTime(t.At.UtcDateTime)) == week).ToList();
            rows.Add([week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), those.Count.ToString(CultureInfo.InvariantCulture),
                those.Count(t => t.Time > t.Target).ToString(CultureInfo.InvariantCulture)]);
        }
        return new ReportTable("sla-breaches", "SLA breaches per week", "Final decisions made each week (from Monday) and those whose staff time passed the target.",
            ["Week of", "Decisions", "Past their SLA"], rows, ChartKind.Bar, [1, 2]);
    }

    private static ReportTable RejectionReasons(List<Decision> decisions) => new("rejection-reasons", "Rejection reasons",
        "Reason codes of customer rejections (a rejection may carry several).", ["Reason", "Rejections"],
        [.. decisions.Where(d => d.Action == "rejected").SelectMany(d => d.Reasons).GroupBy(r => r).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => new[] { g.Key, g.Count().ToString(CultureInfo.InvariantCulture) })], ChartKind.Donut, [1]);

    private static ReportTable PerReviewer(List<Decision> decisions) => new("reviewers", "Throughput per reviewer",
        "Decisions each person made, by outcome.", ["Reviewer", "Decisions", "Approved", "Rejected", "Information requested", "Put on hold"],
        [.. decisions.GroupBy(d => d.Actor).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => new[]
        {
            g.Key, g.Count().ToString(CultureInfo.InvariantCulture),
            g.Count(d => d.Action is "approved" or "update_approved").ToString(CultureInfo.InvariantCulture),
            g.Count(d => d.Action is "rejected" or "update_declined").ToString(CultureInfo.InvariantCulture),
            g.Count(d => d.Action == "information_requested").ToString(CultureInfo.InvariantCulture),
            g.Count(d => d.Action == "put_on_hold").ToString(CultureInfo.InvariantCulture),
        })], ChartKind.Bar, [2, 3, 4, 5]);

    private static ReportTable AccessOutcomes(List<(string Action, Product Product)> access) => new("access-outcomes", "Access requests by product",
        "Product access granted, rejected and revoked in the period.", ["Product", "Granted", "Rejected", "Revoked"],
        [.. Enum.GetValues<Product>().Select(p => new[]
        {
            Products.Of(p).Name.Capitalised(),
            access.Count(a => a.Product == p && a.Action == "access_granted").ToString(CultureInfo.InvariantCulture),
            access.Count(a => a.Product == p && a.Action == "access_rejected").ToString(CultureInfo.InvariantCulture),
            access.Count(a => a.Product == p && a.Action == "access_revoked").ToString(CultureInfo.InvariantCulture),
        })], ChartKind.StackedBar, [1, 2, 3]);
}
