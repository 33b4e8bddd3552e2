using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Web.Features.Reports;

/// <summary>
/// The reports' figures as tallies per day and partner (<see cref="ReportTally"/>), counted in the database from the
/// audit trail: every decision is an entry with its actor, time, statuses and reasons, and a final decision carries
/// its staff time. Days the roll-up (<see cref="ReportRollups"/>) has kept are read; the others are counted.
/// </summary>
public sealed class ReportTallies(SlaTargets sla)
{
    public const string Decision = "decision";
    public const string Staff = "staff";
    public const string Breach = "breach";
    public const string Reason = "reason";
    public const string Access = "access";

    /// <summary>Staff times are tallied per tenth of an hour, the precision the report shows.</summary>
    public const long SecondsPerTenth = 360;

    internal static readonly string[] Final = ["approved", "rejected", "update_approved", "update_declined"];
    private static readonly string[] StaffStatuses = [Wire.Of(CustomerStatus.Pending), Wire.Of(CustomerStatus.UpdateRequested)];
    private static readonly string[] DecidedStatuses = [Wire.Of(CustomerStatus.Active), Wire.Of(CustomerStatus.Rejected)];

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>The period's tallies, summed over partners unless the period names one.</summary>
    public async Task<List<ReportTally>> ForAsync(OpsDbContext db, ReportPeriod period, CancellationToken cancellationToken)
    {
        var countFrom = await CountFromAsync(db, period.From, cancellationToken);
        var tallies = new List<ReportTally>();
        if (countFrom > period.From)
        {
            var kept = db.Set<ReportTally>().AsNoTracking().Where(t => t.Day >= period.From && t.Day < countFrom);
            if (period.PartnerId is { } partner)
            {
                kept = kept.Where(t => t.PartnerId == partner);
            }
            tallies.AddRange(await kept.GroupBy(t => new { t.Day, t.Series, t.Key, t.Detail })
                .Select(g => new ReportTally { Day = g.Key.Day, Series = g.Key.Series, Key = g.Key.Key, Detail = g.Key.Detail, Count = g.Sum(t => t.Count) })
                .ToListAsync(cancellationToken));
        }
        if (countFrom <= period.To)
        {
            tallies.AddRange(await CountAsync(db, StartOf(countFrom), period.End, period.PartnerId, null, cancellationToken));
        }
        return tallies;
    }

    /// <summary>
    /// The first day to count from the trail: the day the roll-up has not reached, or an earlier one an entry was saved
    /// for after the roll-up read the trail.
    /// </summary>
    private static async Task<DateOnly> CountFromAsync(OpsDbContext db, DateOnly from, CancellationToken cancellationToken)
    {
        if (await db.Set<ReportRollup>().AsNoTracking().SingleOrDefaultAsync(cancellationToken) is not { } rollup)
        {
            return from;
        }
        var late = await db.AuditEntries.Where(e => e.Id > rollup.ThroughEntryId).MinAsync(e => (DateTimeOffset?)e.At, cancellationToken);
        var first = late is { } at && DayOf(at) < rollup.RolledThrough ? DayOf(at) : rollup.RolledThrough;
        return first > from ? first : from;
    }

    /// <summary>
    /// Counts the tallies of the entries saved in [start, end) (up to entry <paramref name="throughEntryId"/> when
    /// given), per day and partner, or of one partner's customers.
    /// </summary>
    public async Task<List<ReportTally>> CountAsync(
        OpsDbContext db, DateTimeOffset start, DateTimeOffset end, string? partner, long? throughEntryId, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.At >= start && e.At < end);
        if (throughEntryId is { } through)
        {
            entries = entries.Where(e => e.Id <= through);
        }
        // Each entry with its customer's partner (none for an entry whose customer is not on file).
        var owned =
            from e in entries
            join c in db.Customers on e.CustomerId equals c.Id into owners
            from c in owners.DefaultIfEmpty()
            select new { Entry = e, PartnerId = c == null ? "" : c.PartnerId };
        if (partner is not null)
        {
            owned = owned.Where(d => d.PartnerId == partner);
        }
        var outcomes = OpsReports.Outcomes.Keys.ToArray();
        var decisions = owned.Where(d => outcomes.Contains(d.Entry.Action));
        var final = Final;
        var finals = decisions.Where(d => final.Contains(d.Entry.Action));
        var updateRequested = Wire.Of(CustomerStatus.UpdateRequested);
        var (pendingTarget, updateTarget) = ((long)sla.PendingReview.TotalSeconds, (long)sla.UpdateReview.TotalSeconds);
        var tallies = new List<ReportTally>();

        // Decisions per day, partner, outcome and person, whether timed and whether past the SLA: one pass.
        var counted = await decisions.GroupBy(d => new
            {
                Day = UtcDay.Of(d.Entry.At),
                d.PartnerId,
                d.Entry.ActorName,
                d.Entry.Action,
                Timed = d.Entry.StaffSeconds != null,
                Breach = d.Entry.StaffSeconds > (d.Entry.StatusBefore == updateRequested ? updateTarget : pendingTarget),
            })
            .Select(g => new { g.Key.Day, g.Key.PartnerId, g.Key.ActorName, g.Key.Action, g.Key.Timed, g.Key.Breach, Count = g.Count() })
            .ToListAsync(cancellationToken);
        tallies.AddRange(counted.Select(c => Tally(c.Day, c.PartnerId, Decision, c.Action, c.Count, c.ActorName)));
        tallies.AddRange(counted.Where(c => c.Timed && c.Breach && Final.Contains(c.Action)).Select(c => Tally(c.Day, c.PartnerId, Breach, "", c.Count)));

        tallies.AddRange((await finals.Where(d => d.Entry.StaffSeconds != null)
                .GroupBy(d => new { Day = UtcDay.Of(d.Entry.At), d.PartnerId, Tenth = d.Entry.StaffSeconds!.Value / SecondsPerTenth })
                .Select(g => new { g.Key.Day, g.Key.PartnerId, g.Key.Tenth, Count = g.Count() }).ToListAsync(cancellationToken))
            .Select(g => Tally(g.Day, g.PartnerId, Staff, TenthKey(g.Tenth), g.Count)));

        // Decisions recorded before the domain kept the staff clock: timed from the customer's status changes instead.
        if (counted.Any(c => !c.Timed && Final.Contains(c.Action)))
        {
            var legacy = await finals.Where(d => d.Entry.StaffSeconds == null && d.Entry.CustomerId != null)
                .Select(d => new Untimed(d.Entry.At, d.Entry.CustomerId!.Value, d.Entry.StatusBefore, d.PartnerId)).ToListAsync(cancellationToken);
            foreach (var (decision, staff) in await StaffTimesAsync(db, legacy, cancellationToken))
            {
                var day = DayOf(decision.At).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                tallies.Add(Tally(day, decision.PartnerId, Staff, TenthKey((long)staff.TotalSeconds / SecondsPerTenth), 1));
                var target = decision.StatusBefore == updateRequested ? sla.UpdateReview : sla.PendingReview;
                if (staff > target)
                {
                    tallies.Add(Tally(day, decision.PartnerId, Breach, "", 1));
                }
            }
        }

        var reasons = await decisions.Where(d => d.Entry.Action == "rejected")
            .GroupBy(d => new { Day = UtcDay.Of(d.Entry.At), d.PartnerId, d.Entry.ReasonCodes })
            .Select(g => new { g.Key.Day, g.Key.PartnerId, g.Key.ReasonCodes, Count = g.Count() }).ToListAsync(cancellationToken);
        tallies.AddRange(reasons.SelectMany(g => g.ReasonCodes.Select(code => Tally(g.Day, g.PartnerId, Reason, code, g.Count))));

        // An access decision's entry names its request (by id) and its customer: joined on the customer's index.
        var accessActions = OpsReports.AccessActions;
        var access = await (
                from d in owned.Where(d => accessActions.Contains(d.Entry.Action) && d.Entry.SubjectType == AccessRequest.SubjectType)
                join r in db.AccessRequests on d.Entry.CustomerId equals r.CustomerId
                where r.Id.ToString().ToLower() == d.Entry.SubjectId
                group d by new { Day = UtcDay.Of(d.Entry.At), d.PartnerId, r.Product, d.Entry.Action } into g
                select new { g.Key.Day, g.Key.PartnerId, g.Key.Product, g.Key.Action, Count = g.Count() }).ToListAsync(cancellationToken);
        tallies.AddRange(access.Select(a => Tally(a.Day, a.PartnerId, Access, a.Product.ToString(), a.Count, a.Action)));

        // One row per day, partner, series and key, as the table keeps them.
        return [.. tallies.GroupBy(t => (t.Day, t.PartnerId, t.Series, t.Key, t.Detail)).Select(g => new ReportTally
        {
            Day = g.Key.Day, PartnerId = g.Key.PartnerId, Series = g.Key.Series, Key = g.Key.Key, Detail = g.Key.Detail, Count = g.Sum(t => t.Count),
        })];
    }

    public static string TenthKey(long tenth) => tenth.ToString(CultureInfo.InvariantCulture);

    private static ReportTally Tally(string day, string partner, string series, string key, int count, string detail = "") => new()
    {
        Day = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture), PartnerId = partner, Series = series, Key = key, Detail = detail, Count = count,
    };

    private sealed record Untimed(DateTimeOffset At, Guid CustomerId, string? StatusBefore, string PartnerId);

    /// <summary>For each final decision, the staff time of its cycle, from the customer's status changes in the trail.</summary>
    private static async Task<List<(Untimed Decision, TimeSpan Staff)>> StaffTimesAsync(OpsDbContext db, List<Untimed> decisions, CancellationToken cancellationToken)
    {
        if (decisions.Count == 0)
        {
            return [];
        }
        var ids = decisions.Select(d => d.CustomerId).Distinct().ToList();
        var last = decisions.Max(d => d.At);
        var changes = (await db.AuditEntries.AsNoTracking()
                .Where(e => e.SubjectType == Customer.SubjectType && e.CustomerId != null && ids.Contains(e.CustomerId.Value) && e.StatusAfter != null && e.At <= last)
                .Select(e => new { CustomerId = e.CustomerId!.Value, e.At, e.Id, e.StatusAfter }).ToListAsync(cancellationToken))
            .GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => (e.At, Status: e.StatusAfter!)).ToList());

        var times = new List<(Untimed, TimeSpan)>();
        foreach (var decision in decisions.Where(d => changes.ContainsKey(d.CustomerId)))
        {
            var staff = TimeSpan.Zero;
            (DateTimeOffset At, string Status)? current = null;
            foreach (var change in changes[decision.CustomerId].TakeWhile(c => c.At <= decision.At))
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
            times.Add((decision, staff));
        }
        return times;
    }
}
