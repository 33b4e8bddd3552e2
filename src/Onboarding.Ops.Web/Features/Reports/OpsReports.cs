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

    /// <summary>
    /// Every report of the period, each grouped in the database over the audit trail's (Action, At, …) index: per day,
    /// per person, per reason; the staff time of each final decision is recorded in its entry by the domain.
    /// </summary>
    public async Task<IReadOnlyList<ReportTable>> BuildAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.Reports);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (start, end) = (period.Start, period.End);

        var entries = db.AuditEntries.AsNoTracking().Where(e => e.At >= start && e.At < end);
        if (period.PartnerId is { } partner)
        {
            // The partner's customers, read once from the (PartnerId, Id) index, not looked up entry by entry.
            var partnersCustomers = db.Customers.Where(c => c.PartnerId == partner).Select(c => (Guid?)c.Id);
            entries = entries.Where(e => partnersCustomers.Contains(e.CustomerId));
        }
        var outcomes = Outcomes.Keys.ToArray();
        var decisions = entries.Where(e => outcomes.Contains(e.Action));
        var updateRequested = Wire.Of(CustomerStatus.UpdateRequested);
        var (pendingTarget, updateTarget) = ((long)sla.PendingReview.TotalSeconds, (long)sla.UpdateReview.TotalSeconds);

        // One pass over the period's decisions: per day, person and outcome, whether timed and whether past the SLA.
        var counts = (await decisions.GroupBy(e => new
            {
                Day = UtcDay.Of(e.At),
                e.ActorName,
                e.Action,
                Timed = e.StaffSeconds != null,
                Breach = e.StaffSeconds > (e.StatusBefore == updateRequested ? updateTarget : pendingTarget),
            })
            .Select(g => new { g.Key.Day, g.Key.ActorName, g.Key.Action, g.Key.Timed, g.Key.Breach, Count = g.Count() }).ToListAsync(cancellationToken))
            .Select(g => new Counted(DateOnly.ParseExact(g.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), g.ActorName, g.Action, g.Timed, g.Breach, g.Count))
            .ToList();
        var reasons = (await decisions.Where(e => e.Action == "rejected").GroupBy(e => e.ReasonCodes)
            .Select(g => new { Codes = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .SelectMany(g => g.Codes.Select(code => (Code: code, g.Count))).ToList();

        var finals = decisions.Where(e => Final.Contains(e.Action));
        var timed = counts.Where(c => c.Timed && Final.Contains(c.Action)).ToList();
        var breachesPerDay = timed.Select(c => (c.Day, c.Count, Breaches: c.Breach ? c.Count : 0)).ToList();
        // Decisions recorded before the domain kept the staff clock: timed from the customer's status changes instead.
        var legacy = counts.Any(c => !c.Timed && Final.Contains(c.Action))
            ? await StaffTimesAsync(db, await finals.Where(e => e.StaffSeconds == null)
                .Select(e => new Decision(e.At, e.Action, e.CustomerId, e.StatusBefore)).ToListAsync(cancellationToken), cancellationToken)
            : [];
        breachesPerDay.AddRange(legacy.Select(l => (DateOnly.FromDateTime(l.At.UtcDateTime), 1, l.Time > l.Target ? 1 : 0)));
        var decided = timed.Sum(c => c.Count) + legacy.Count;
        // Staff times counted per hundredth of an hour in the database (one pass, no sort of every decision), the
        // older decisions added; the percentiles are read from these counts.
        var hundredths = (await finals.Where(e => e.StaffSeconds != null).GroupBy(e => e.StaffSeconds!.Value / SecondsPerHundredth)
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .Select(g => (Hundredth: g.Key, g.Count))
            .Concat(legacy.Select(l => (Hundredth: (long)l.Time.TotalSeconds / SecondsPerHundredth, Count: 1)))
            .ToList();
        var (p50, p90) = (HoursAt(hundredths, 0.5), HoursAt(hundredths, 0.9));

        // An access decision's entry names its request (by id) and its customer: joined on the customer's index.
        var accessActions = AccessActions;
        var access = (await (
                from e in entries.Where(e => accessActions.Contains(e.Action) && e.SubjectType == AccessRequest.SubjectType)
                join r in db.AccessRequests on e.CustomerId equals r.CustomerId
                where r.Id.ToString().ToLower() == e.SubjectId
                group e by new { r.Product, e.Action } into g
                select new { g.Key.Product, g.Key.Action, Count = g.Count() }).ToListAsync(cancellationToken))
            .Select(g => (g.Product, g.Action, g.Count)).ToList();

        return
        [
            DecisionsPerDay(period, counts),
            TimeToDecision(p50, p90, decided),
            SlaBreachesPerWeek(period, breachesPerDay),
            RejectionReasons(reasons),
            PerReviewer(counts),
            AccessOutcomes(access),
        ];
    }

    private const long SecondsPerHundredth = 36;

    /// <summary>
    /// Nearest rank: the smallest time with at least that share of decisions at or under it, to the hundredth of an
    /// hour (the report shows tenths).
    /// </summary>
    private static double? HoursAt(List<(long Hundredth, int Count)> counts, double quantile)
    {
        var total = counts.Sum(c => c.Count);
        var rank = Math.Max(1, (int)Math.Ceiling(quantile * total));
        var seen = 0;
        foreach (var (hundredth, count) in counts.GroupBy(c => c.Hundredth, c => c.Count).Select(g => (g.Key, g.Sum())).OrderBy(c => c.Key))
        {
            seen += count;
            if (seen >= rank)
            {
                return hundredth / 100.0;
            }
        }
        return null;
    }

    /// <summary>How many decisions share a day, a person, an outcome, whether they were timed and whether past the SLA.</summary>
    private sealed record Counted(DateOnly Day, string Actor, string Action, bool Timed, bool Breach, int Count);

    private sealed record Decision(DateTimeOffset At, string Action, Guid? CustomerId, string? StatusBefore);

    private sealed record StaffTime(DateTimeOffset At, TimeSpan Time, TimeSpan Target);

    /// <summary>For each final decision, the staff time of its cycle, from the customer's status changes in the trail.</summary>
    private async Task<List<StaffTime>> StaffTimesAsync(OpsDbContext db, List<Decision> decisions, CancellationToken cancellationToken)
    {
        if (decisions.Count == 0)
        {
            return [];
        }
        var ids = decisions.Where(d => d.CustomerId is not null).Select(d => d.CustomerId!.Value).Distinct().ToList();
        var last = decisions.Max(d => d.At);
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

    private static string N(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static ReportTable DecisionsPerDay(ReportPeriod period, List<Counted> counts)
    {
        var byDay = counts.ToLookup(c => c.Day);
        var rows = new List<string[]>();
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            rows.Add([day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), .. Outcomes.Keys.Select(o => N(byDay[day].Where(c => c.Action == o).Sum(c => c.Count)))]);
        }
        return new ReportTable("decisions", "Decisions per day", "Each decision on a customer, by outcome, on the day (UTC) it was made.",
            ["Day", .. Outcomes.Values], rows, ChartKind.StackedBar, [.. Enumerable.Range(1, Outcomes.Count)]);
    }

    private static ReportTable TimeToDecision(double? p50, double? p90, int decisions)
    {
        static string Hours(double? hours) => hours?.ToString("0.0", CultureInfo.InvariantCulture) ?? "—";
        return new ReportTable("time-to-decision", "Time to decision",
            "Staff time from submission (or the customer's answer) to approval, rejection or an update's decision; waiting on the customer and holds do not count.",
            ["Measure", "Hours"], [["Median (p50)", Hours(p50)], ["p90", Hours(p90)], ["Decisions", N(decisions)]],
            ChartKind.None, []);
    }

    private static ReportTable SlaBreachesPerWeek(ReportPeriod period, List<(DateOnly Day, int Count, int Breaches)> days)
    {
        static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var rows = new List<string[]>();
        for (var week = Monday(period.From); week <= period.To; week = week.AddDays(7))
        {
            var those = days.Where(d => Monday(d.Day) == week).ToList();
            rows.Add([week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), N(those.Sum(d => d.Count)), N(those.Sum(d => d.Breaches))]);
        }
        return new ReportTable("sla-breaches", "SLA breaches per week", "Final decisions made each week (from Monday) and those whose staff time passed the target.",
            ["Week of", "Decisions", "Past their SLA"], rows, ChartKind.Bar, [1, 2]);
    }

    private static ReportTable RejectionReasons(List<(string Code, int Count)> reasons) => new("rejection-reasons", "Rejection reasons",
        "Reason codes of customer rejections (a rejection may carry several).", ["Reason", "Rejections"],
        [.. reasons.GroupBy(r => r.Code, r => r.Count).Select(g => (Code: g.Key, Count: g.Sum())).OrderByDescending(g => g.Count).ThenBy(g => g.Code, StringComparer.Ordinal)
            .Select(g => new[] { g.Code, N(g.Count) })], ChartKind.Donut, [1]);

    private static ReportTable PerReviewer(List<Counted> counts) => new("reviewers", "Throughput per reviewer",
        "Decisions each person made, by outcome.", ["Reviewer", "Decisions", "Approved", "Rejected", "Information requested", "Put on hold"],
        [.. counts.GroupBy(c => c.Actor).OrderByDescending(g => g.Sum(c => c.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new[]
        {
            g.Key, N(g.Sum(c => c.Count)),
            N(g.Where(c => c.Action is "approved" or "update_approved").Sum(c => c.Count)),
            N(g.Where(c => c.Action is "rejected" or "update_declined").Sum(c => c.Count)),
            N(g.Where(c => c.Action == "information_requested").Sum(c => c.Count)),
            N(g.Where(c => c.Action == "put_on_hold").Sum(c => c.Count)),
        })], ChartKind.Bar, [2, 3, 4, 5]);

    private static ReportTable AccessOutcomes(List<(Product Product, string Action, int Count)> access) => new("access-outcomes", "Access requests by product",
        "Product access granted, rejected and revoked in the period.", ["Product", "Granted", "Rejected", "Revoked"],
        [.. Enum.GetValues<Product>().Select(p => new[]
        {
            Products.Of(p).Name.Capitalised(),
            N(access.Where(a => a.Product == p && a.Action == "access_granted").Sum(a => a.Count)),
            N(access.Where(a => a.Product == p && a.Action == "access_rejected").Sum(a => a.Count)),
            N(access.Where(a => a.Product == p && a.Action == "access_revoked").Sum(a => a.Count)),
        })], ChartKind.StackedBar, [1, 2, 3]);
}
