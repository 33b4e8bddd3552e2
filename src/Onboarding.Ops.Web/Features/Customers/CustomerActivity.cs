namespace Onboarding.Ops.Web.Features.Customers;

/// <summary>
/// Who is looking at which customer, and who just changed one: one process, one circuit per page, so an in-memory
/// register is all presence needs. Pages subscribe while open and are told when someone else changes their customer.
/// </summary>
public sealed class CustomerActivity
{
    private readonly object gate = new();
    private readonly Dictionary<Guid, List<Viewer>> viewers = [];

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
        return viewer;
    }

    /// <summary>The other people looking at a customer, by name.</summary>
    public IReadOnlyList<string> OthersViewing(Guid customerId, string staffId)
    {
        lock (gate)
        {
            return viewers.TryGetValue(customerId, out var list)
                ? [.. list.Where(v => v.StaffId != staffId).Select(v => v.Name).Distinct().Order()]
                : [];
        }
    }

    public void Changed(Guid customerId, string byStaffId, string byName, DateTimeOffset at) =>
        Notify(customerId, new Change(byName, at), except: byStaffId);

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
