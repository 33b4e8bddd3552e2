using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.WebUtilities;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Audit;

/// <summary>
/// What the Audit page searches for, all in its URL: who (an actor's name or id), what subject (its type and id), which
/// action, which partner (entries about its customers, its own calls and changes to it), when (UTC days); and where the
/// page starts (entries older than <see cref="Before"/>).
/// </summary>
public sealed record AuditQuery
{
    public string? Actor { get; init; }
    public string? SubjectType { get; init; }
    public string? SubjectId { get; init; }
    public string? Action { get; init; }
    public string? PartnerId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public long? Before { get; init; }

    public string ToQueryString() => QueryString.Create(new Dictionary<string, string?>
    {
        ["actor"] = Actor, ["subjectType"] = SubjectType, ["subjectId"] = SubjectId, ["action"] = Action, ["partner"] = PartnerId,
        ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"), ["before"] = Before?.ToString(),
    }.Where(p => !string.IsNullOrWhiteSpace(p.Value))).ToString();

    public static AuditQuery FromQueryString(string query)
    {
        var values = QueryHelpers.ParseQuery(query);
        string? Text(string key) => values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;
        DateOnly? Day(string key) => DateOnly.TryParseExact(Text(key), "yyyy-MM-dd", out var day) ? day : null;
        return new AuditQuery
        {
            Actor = Text("actor"), SubjectType = Text("subjectType"), SubjectId = Text("subjectId"), Action = Text("action"),
            PartnerId = Text("partner"), From = Day("from"), To = Day("to"), Before = long.TryParse(Text("before"), out var id) ? id : null,
        };
    }
}

/// <summary>A page of the trail, newest first, and where the next (older) page starts.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? Older);

/// <summary>
/// The one trail of everything (customers, documents, access requests, partners and their keys and webhooks, reference
/// data, staff and sign-ins, exports and document views), searched and paged in the database, newest first by id (keyset:
/// the thousandth page costs what the first does). Admins and compliance only.
/// </summary>
public sealed class AuditTrail(CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, AuditVerifier verifier)
{
    public const int PageSize = 50;
    public const string CheckpointPath = "/admin/audit/checkpoint.json";

    /// <summary>The last verification and the latest checkpoint, for the integrity panel.</summary>
    public async Task<(AuditVerificationRun? LastRun, AuditCheckpoint? Latest)> IntegrityAsync(CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.Audit);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Set<AuditVerificationRun>().AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken),
            await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken));
    }

    public async Task<Dictionary<string, string>> PartnersAsync(CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.Audit);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PartnerNamesAsync(cancellationToken);
    }

    /// <summary>Verifies the whole trail now, as the person asking (kept as the last run).</summary>
    public async Task<AuditVerificationRun> VerifyNowAsync(CancellationToken cancellationToken = default)
    {
        var user = await current.RequireAsync(Policies.Audit);
        return await verifier.VerifyAsync(user.DisplayName(), cancellationToken: cancellationToken);
    }

    /// <summary>The latest checkpoint as a file to keep outside the database; the download is audited.</summary>
    public static void MapCheckpointDownload(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(CheckpointPath, async (HttpContext http, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock) =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            if (await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync() is not { } latest)
            {
                return Results.NotFound();
            }
            db.AuditEntries.Add(AuditEntry.Create(http.User.ToActor(), clock.GetUtcNow(), AuditVerifier.Subject, "checkpoint", null,
                "checkpoint_exported", null, null, details: new { latest.Sequence, latest.Hash }));
            await db.SaveChangesAsync();
            var record = ExaminerFile.CheckpointRecord.Of(latest);
            return Results.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(record, ExaminerFile.Json), "application/json",
                $"audit-checkpoint-{latest.Sequence}.json");
        }).RequireAuthorization(Policies.Audit);

    /// <summary>The kinds of subject an entry can have, for the page's filter.</summary>
    public static readonly IReadOnlyList<(string Type, string Label)> SubjectTypes =
    [
        (Domain.Customers.Customer.SubjectType, "Customer"), ("document", "Document"), (Domain.AccessRequests.AccessRequest.SubjectType, "Access request"),
        (Domain.Partners.Partner.SubjectType, "Partner"), ("webhook_event", "Webhook event"), (Staff.StaffDirectory.AuditSubject, "Staff account"),
        (ReferenceData.CountryEligibility.Subject, "Reference data: country"), ("export", "Export"), (AuditVerifier.Subject, "Audit verification"),
        (ReferenceData.RiskSettings.Subject, "Reference data: risk policy"), (Risk.RiskReassessment.Subject, "Risk re-assessment"),
        (Risk.RiskAssessor.UpgradeSubject, "Upgrade step"),
    ];

    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await current.RequireAsync(Policies.Audit);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = Filtered(db, query);
        if (query.Before is { } before)
        {
            entries = entries.Where(e => e.Id < before);
        }
        var page = await entries.OrderByDescending(e => e.Id).Take(PageSize + 1).AsNoTracking().ToListAsync(cancellationToken);
        return new AuditPage(page.Take(PageSize).ToList(), page.Count > PageSize ? page[PageSize - 1].Id : null);
    }

    private static IQueryable<AuditEntry> Filtered(OpsDbContext db, AuditQuery query)
    {
        var entries = db.AuditEntries.AsQueryable();
        if (query.Actor is { } actor)
        {
            entries = entries.Where(e => e.ActorName == actor || e.ActorId == actor);
        }
        if (query.SubjectType is { } type)
        {
            entries = entries.Where(e => e.SubjectType == type);
        }
        if (query.SubjectId is { } id)
        {
            // A customer's id finds its own entries and those of its documents and access requests.
            entries = Guid.TryParse(id, out var customer)
                ? entries.Where(e => e.SubjectId == id || e.SubjectId == customer.ToString() || e.CustomerId == customer)
                : entries.Where(e => e.SubjectId == id);
        }
        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }
        if (query.PartnerId is { } partner)
        {
            entries = entries.Where(e => (e.ActorKind == ActorKind.Partner && e.ActorId == partner)
                || (e.SubjectType == Domain.Partners.Partner.SubjectType && e.SubjectId == partner)
                || db.Customers.Any(c => c.Id == e.CustomerId && c.PartnerId == partner));
        }
        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At >= start);
        }
        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At < end);
        }
        return entries;
    }

    /// <summary>Where an entry's subject is seen in the back office, for those who may open it; null when nowhere.</summary>
    public static string? LinkOf(AuditEntry entry) => entry.SubjectType switch
    {
        Domain.Customers.Customer.SubjectType => $"/customers/{entry.SubjectId}",
        Domain.AccessRequests.AccessRequest.SubjectType => $"/access-requests/{entry.SubjectId}",
        "document" or "webhook_event" when entry.CustomerId is { } customer => $"/customers/{customer}",
        Domain.Partners.Partner.SubjectType => "/admin/partners",
        Staff.StaffDirectory.AuditSubject => "/admin/staff",
        ReferenceData.CountryEligibility.Subject => "/admin/reference-data",
        AuditVerifier.Subject => "/admin/audit",
        _ => null,
    };
}
