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

    public static AuditEntry Create(
        Actor actor, DateTimeOffset at, string subjectType, string subjectId, Guid? customerId, string action,
        string? statusBefore, string? statusAfter, IReadOnlyList<string>? reasonCodes = null, string? note = null,
        object? details = null, TimeSpan? staffTime = null) => new()
    {
        At = at.ToUniversalTime(),
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
