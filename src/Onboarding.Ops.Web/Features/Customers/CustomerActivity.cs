using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Features.Customers;

/// <summary>
/// Who is looking at which customer, and who just changed one. Each instance keeps its own circuits' viewers and tells
/// the other instances through the <see cref="IActivityBus"/> (PostgreSQL's LISTEN/NOTIFY; nothing to tell on SQLite,
/// one instance): the viewers it has per customer, again every half minute so a stopped instance's fade out, and
/// every change. Pages subscribe while open and are told when someone else changes their customer.
/// </summary>
public sealed class CustomerActivity
{
    /// <summary>An instance not heard of for this long has stopped: its viewers no longer count.</summary>
    private static readonly TimeSpan Heard = TimeSpan.FromSeconds(90);

    private readonly object gate = new();
    private readonly Dictionary<Guid, List<Viewer>> viewers = [];
    private readonly Dictionary<(Guid Customer, string Instance), (IReadOnlyList<ActivityNote.Person> People, DateTime Seen)> elsewhere = [];
    private readonly AppInstance instance;
    private readonly IActivityBus bus;

    public CustomerActivity(AppInstance instance, IActivityBus bus)
    {
        (this.instance, this.bus) = (instance, bus);
        bus.Received += Receive;
        bus.Resend += AnnounceAll;
    }

    public sealed record Change(string By, DateTimeOffset At);

    private sealed class Viewer(string staffId, string name, Action<Change?> notify) : IDisposable
    {
        public string StaffId { get; } = staffId;
        public string Name { get; } = name;
        public Action<Change?> Notify { get; } = notify;
        public Action? Leave { get; set; }
        public void Dispose() => Leave?.Invoke();
    }

    /// <summary>Registers a viewer of a customer until the returned handle is disposed; <paramref name="notify"/> gets
    /// null when the set of viewers changes, and the change when someone else changed the customer.</summary>
    public IDisposable Watch(Guid customerId, string staffId, string name, Action<Change?> notify)
    {
        var viewer = new Viewer(staffId, name, notify);
        lock (gate)
        {
            if (!viewers.TryGetValue(customerId, out var list))
            {
                viewers[customerId] = list = [];
            }
            list.Add(viewer);
        }
        viewer.Leave = () => Leave(customerId, viewer);
        Notify(customerId, null, except: viewer.StaffId);
        Announce(customerId);
        return viewer;
    }

    /// <summary>The other people looking at a customer, by name, on any instance.</summary>
    public IReadOnlyList<string> OthersViewing(Guid customerId, string staffId)
    {
        var since = DateTime.UtcNow - Heard;
        lock (gate)
        {
            var here = viewers.TryGetValue(customerId, out var list) ? list.Select(v => (v.StaffId, v.Name)) : [];
            var there = elsewhere.Where(e => e.Key.Customer == customerId && e.Value.Seen > since)
                .SelectMany(e => e.Value.People.Select(p => (p.StaffId, p.Name)));
            return [.. here.Concat(there).Where(v => v.StaffId != staffId).Select(v => v.Name).Distinct().Order()];
        }
    }

    /// <summary>How many pages of this instance show the customer (the journey on two instances checks where each landed).</summary>
    internal int ViewersHere(Guid customerId) => Here(customerId).Count;

    public void Changed(Guid customerId, string byStaffId, string byName, DateTimeOffset at)
    {
        Notify(customerId, new Change(byName, at), except: byStaffId);
        bus.Publish(new ActivityNote(instance.Id, customerId, new ActivityNote.Person(byStaffId, byName), at, null));
    }

    private void Leave(Guid customerId, Viewer viewer)
    {
        lock (gate)
        {
            if (viewers.TryGetValue(customerId, out var list) && list.Remove(viewer) && list.Count == 0)
            {
                viewers.Remove(customerId);
            }
        }
        Notify(customerId, null, except: viewer.StaffId);
        Announce(customerId);
    }

    /// <summary>Tells the other instances who is looking at the customer here (an empty list when nobody is any more).</summary>
    private void Announce(Guid customerId) => bus.Publish(new ActivityNote(instance.Id, customerId, null, null, Here(customerId)));

    private void AnnounceAll()
    {
        List<Guid> watched;
        lock (gate)
        {
            watched = [.. viewers.Keys];
        }
        foreach (var customerId in watched)
        {
            Announce(customerId);
        }
    }

    private List<ActivityNote.Person> Here(Guid customerId)
    {
        lock (gate)
        {
            return viewers.TryGetValue(customerId, out var list) ? [.. list.Select(v => new ActivityNote.Person(v.StaffId, v.Name))] : [];
        }
    }

    private void Receive(ActivityNote note)
    {
        if (note.Instance == instance.Id)
        {
            return;
        }
        if (note is { ChangedBy: { } by, At: { } at })
        {
            Notify(note.CustomerId, new Change(by.Name, at), except: by.StaffId);
            return;
        }
        if (note.Viewers is null)
        {
            AnnounceAll(); // a new instance asks who looks where
            return;
        }
        bool changed;
        lock (gate)
        {
            var key = (note.CustomerId, note.Instance);
            var before = elsewhere.TryGetValue(key, out var known) ? known.People : [];
            changed = !before.SequenceEqual(note.Viewers);
            if (note.Viewers is { Count: > 0 } people)
            {
                elsewhere[key] = (people, DateTime.UtcNow);
            }
            else
            {
                elsewhere.Remove(key);
            }
        }
        if (changed)
        {
            Notify(note.CustomerId, null, except: "");
        }
    }

    private void Notify(Guid customerId, Change? change, string except)
    {
        List<Viewer> targets;
        lock (gate)
        {
            targets = viewers.TryGetValue(customerId, out var list) ? [.. list.Where(v => v.StaffId != except)] : [];
        }
        foreach (var viewer in targets)
        {
            viewer.Notify(change);
        }
    }
}
