using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Customers;

/// <summary>A saved view as the queue shows it: its name, its URL, whose it is, and how many customers it lists now.</summary>
public sealed record SavedQueueView(Guid Id, string Name, QueueFilter Filter, bool Shared, string OwnerName, bool Mine, ViewCount Count)
{
    public string Href => Filter.Href;
}

/// <summary>
/// The customer queue's saved views: one's own and the team's shared ones, each with its count. Anyone who works the
/// queue may save a view; only its owner (or an admin) may delete it.
/// </summary>
public sealed class SavedViews(CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, CustomerQueue queue)
{
    public sealed record Outcome(bool Succeeded, string Message, Guid? Id = null);

    public async Task<IReadOnlyList<SavedQueueView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var me = (await current.RequireAsync(Policies.Customers)).StaffId();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var views = await db.Set<SavedView>().AsNoTracking().Where(v => v.OwnerId == me || v.Shared)
            .OrderBy(v => v.OwnerId != me).ThenBy(v => v.Name).ToListAsync(cancellationToken);
        var counts = await queue.CountsAsync([.. views.Select(v => QueueFilter.FromQueryString(v.Query))], cancellationToken);
        return [.. views.Select((v, i) => new SavedQueueView(v.Id, v.Name, QueueFilter.FromQueryString(v.Query), v.Shared, v.OwnerName, v.OwnerId == me, counts[i]))];
    }

    /// <summary>Saves the filters (not the page) under a name that is new among the owner's views.</summary>
    public async Task<Outcome> SaveAsync(string name, QueueFilter filter, bool shared, CancellationToken cancellationToken = default)
    {
        var user = await current.RequireAsync(Policies.Customers);
        var me = user.StaffId();
        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            return new Outcome(false, "Give the view a name.");
        }
        if (name.Length > SavedView.MaxNameLength)
        {
            return new Outcome(false, $"A view's name has at most {SavedView.MaxNameLength} characters.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = await db.Set<SavedView>().Where(v => v.OwnerId == me).Select(v => v.Name).ToListAsync(cancellationToken);
        if (mine.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return new Outcome(false, $"You already have a view named “{name}”. Pick another name, or delete that one first.");
        }
        var view = new SavedView
        {
            Id = Guid.NewGuid(), OwnerId = me!, OwnerName = user.DisplayName(), Name = name, Shared = shared,
            Query = (filter with { Page = 0 }).ToQueryString(), CreatedAt = clock.GetUtcNow(),
        };
        db.Add(view);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(true, shared ? $"View “{name}” saved and shared with the team." : $"View “{name}” saved.", view.Id);
    }

    public async Task<Outcome> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var user = await current.RequireAsync(Policies.Customers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var view = await db.Set<SavedView>().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (view is null)
        {
            return new Outcome(false, "That view was already deleted.");
        }
        if (view.OwnerId != user.StaffId() && !user.IsInRole(StaffRoles.Admin))
        {
            return new Outcome(false, $"Only {view.OwnerName}, who saved “{view.Name}”, or an admin can delete it.");
        }
        db.Remove(view);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(true, $"View “{view.Name}” deleted.");
    }
}
