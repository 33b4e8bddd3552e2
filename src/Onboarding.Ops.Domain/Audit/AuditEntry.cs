using System.Text.Encodings.Web;
using System.Text.Json;

namespace Onboarding.Ops.Domain.Audit;

/// <summary>
/// One change of state, appended by the verb that made it and saved in the same transaction.
/// Never updated or deleted (the database refuses it too).
/// </summary>
public sealed class AuditEntry
{
    // Readable in the database: names with accents stay as they are.
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private AuditEntry()
    {
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public ActorKind ActorKind { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public string SubjectType { get; private set; } = "";
    public string SubjectId { get; private set; } = "";
    /// <summary>The customer the change concerns, so a customer's trail includes its access requests.</summary>
    public Guid? CustomerId { get; private set; }
    public string Action { get; private set; } = "";
    public string? StatusBefore { get; private set; }
    public string? StatusAfter { get; private set; }
    public IReadOnlyList<string> ReasonCodes { get; private set; } = [];
    public string? Note { get; private set; }
    /// <summary>Structured details as JSON: checklist items, changed fields old → new, and so on.</summary>
    public string? Details { get; private set; }
    /// <summary>
    /// On a customer's final decision (approved, rejected, an update's decision): the staff time of the review cycle it
    /// closes, in whole seconds, waiting on the customer and holds not counted. The reports' time to decision and SLA.
    /// </summary>
    public long? StaffSeconds { get; private set; }

    /// <summary>
    /// The entry's place in its chain: one chain per subject (<see cref="SubjectType"/>, <see cref="SubjectId"/>),
    /// numbered from 1, so decisions on different customers never wait on one another. Set when the entry is saved.
    /// </summary>
    public long? ChainSequence { get; private set; }
    /// <summary>The <see cref="Hash"/> of the entry before it in its chain; null for the first.</summary>
    public string? PreviousHash { get; private set; }
    /// <summary>SHA-256 (lowercase hex) of <see cref="Canonical"/>: the content, the place in the chain and the previous hash.</summary>
    public string? Hash { get; private set; }

    /// <summary>
    /// Puts the entry at its place in its chain and computes its hash: the save does it, knowing the chain's head, and
    /// again when another save took that place first. A saved entry is never saved again (the database refuses it).
    /// </summary>
    public void Chain(long sequence, string? previousHash)
    {
        (ChainSequence, PreviousHash) = (sequence, previousHash);
        Hash = ComputeHash();
    }

    /// <summary>What <see cref="Hash"/> should be for the entry as it is now (the verifier compares the two).</summary>
    public string ComputeHash()
    {
        using var json = new CanonicalJson();
        Canonical(json);
        return json.Hash();
    }

    /// <summary>The entry as an export writes it: its canonical form with its id and hash in front.</summary>
    public string ExportLine()
    {
        var text = new System.Text.StringBuilder();
        using (var json = new CanonicalJson { Copy = text })
        {
            Canonical(json);
            json.Hash();
        }
        return $"{{\"id\":{Id},\"hash\":\"{Hash}\"," + text.ToString(1, text.Length - 1);
    }

    /// <summary>
    /// The canonical form (README › Audit trail): one JSON object, keys in this order, times as UTC to the microsecond.
    /// </summary>
    public void Canonical(CanonicalJson json)
    {
        json.StartObject()
            .Key("action").Value(Action)
            .Key("actorId").Value(ActorId)
            .Key("actorKind").Value(ActorKind.ToString())
            .Key("actorName").Value(ActorName)
            .Key("at").Value(FormatTime(At))
            .Key("customerId").Value(CustomerId?.ToString("D"))
            .Key("details").Value(Details)
            .Key("note").Value(Note)
            .Key("previous").Value(PreviousHash)
            .Key("reasonCodes").StartArray();
        foreach (var code in ReasonCodes)
        {
            json.Value(code);
        }
        json.EndArray()
            .Key("sequence").Value(ChainSequence)
            .Key("staffSeconds").Value(StaffSeconds)
            .Key("statusAfter").Value(StatusAfter)
            .Key("statusBefore").Value(StatusBefore)
            .Key("subjectId").Value(SubjectId)
            .Key("subjectType").Value(SubjectType)
            .EndObject();
    }

    /// <summary>A time as the canonical form writes it: UTC, ISO 8601, six decimals (what both databases keep).</summary>
    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static AuditEntry Create(
        Actor actor, DateTimeOffset at, string subjectType, string subjectId, Guid? customerId, string action,
        string? statusBefore, string? statusAfter, IReadOnlyList<string>? reasonCodes = null, string? note = null,
        object? details = null, TimeSpan? staffTime = null) => new()
    {
        // PostgreSQL keeps microseconds: the time hashed is the time read back.
        At = new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero),
        ActorKind = actor.Kind,
        ActorId = actor.Id,
        ActorName = actor.Name,
        SubjectType = subjectType,
        SubjectId = subjectId,
        CustomerId = customerId,
        Action = action,
        StatusBefore = statusBefore,
        StatusAfter = statusAfter,
        ReasonCodes = reasonCodes ?? [],
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        Details = details is null ? null : JsonSerializer.Serialize(details, DetailsJson),
        StaffSeconds = staffTime is { } time ? (long)time.TotalSeconds : null,
    };
}

/// <summary>An aggregate whose verbs append audit entries, collected and saved with it.</summary>
public interface IAudited
{
    IReadOnlyList<AuditEntry> TakeNewAuditEntries();

    IReadOnlyList<DomainEvent> TakeNewEvents();
}
