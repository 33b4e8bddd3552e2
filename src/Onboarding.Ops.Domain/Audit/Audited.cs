namespace Onboarding.Ops.Domain.Audit;

/// <summary>
/// What every aggregate with an audit trail shares: the entries its verbs appended since the last save, and the
/// version, author and time of its last change, which optimistic concurrency and "who changed it" read.
/// </summary>
public abstract class Audited : IAudited
{
    private readonly List<AuditEntry> newAuditEntries = [];
    private readonly List<DomainEvent> newEvents = [];

    /// <summary>Optimistic concurrency: every verb bumps it, so a stale save is refused.</summary>
    public int Version { get; private set; }
    public string LastChangedBy { get; private set; } = "";
    public DateTimeOffset LastChangedAt { get; private set; }

    public IReadOnlyList<AuditEntry> TakeNewAuditEntries()
    {
        var taken = newAuditEntries.ToList();
        newAuditEntries.Clear();
        return taken;
    }

    /// <summary>The events the verbs raised since the last save, in order.</summary>
    public IReadOnlyList<DomainEvent> TakeNewEvents()
    {
        var taken = newEvents.ToList();
        newEvents.Clear();
        return taken;
    }

    protected void Raise(DomainEvent domainEvent) => newEvents.Add(domainEvent);

    protected void Append(Actor actor, DateTimeOffset at, AuditEntry entry)
    {
        Version++;
        LastChangedBy = actor.Name;
        LastChangedAt = at;
        newAuditEntries.Add(entry);
    }
}
