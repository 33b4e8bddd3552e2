using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain.AccessRequests;

namespace Onboarding.Ops.Data;

/// <summary>Someone else saved the same record first: who, when, and a sentence for the person whose save lost.</summary>
public sealed record SaveConflict(string ChangedBy, DateTimeOffset ChangedAt, string Message);

public static class Saving
{
    /// <summary>
    /// Saves the change and its audit entries in one transaction. When a record was changed by someone else since it
    /// was loaded, nothing is saved and the answer says who changed it and when.
    /// </summary>
    public static async Task<SaveConflict?> SaveOrConflictAsync(this OpsDbContext db, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException e)
        {
            var entry = e.Entries[0];
            var what = entry.Entity is AccessRequest ? "access request" : "customer";
            var current = await entry.GetDatabaseValuesAsync(cancellationToken);
            if (current is null)
            {
                return new SaveConflict("someone else", DateTimeOffset.MinValue, $"This {what} no longer exists. Nothing was saved.");
            }
            var by = current.GetValue<string>("LastChangedBy");
            var at = current.GetValue<DateTimeOffset>("LastChangedAt");
            return new SaveConflict(by, at,
                $"{by} changed this {what} at {at:yyyy-MM-dd HH:mm} UTC, after you opened it. Nothing of yours was saved: reload to see their change, then decide again.");
        }
    }
}
