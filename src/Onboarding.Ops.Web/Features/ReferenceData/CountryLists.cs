using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Web.Features.Customers;

namespace Onboarding.Ops.Web.Features.ReferenceData;

/// <summary>
/// The add and remove shared by the reference lists keyed by a country code (the unsupported countries, the country
/// risk list): a code is listed once, a change is saved with its audit entry, an admin who raced another is told so.
/// </summary>
internal static class CountryLists
{
    public static async Task<DecisionResult> AddAsync<T>(
        IDbContextFactory<OpsDbContext> contexts, T country, string code, AuditEntry entry, string alreadyListed, string added) where T : class
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await db.Set<T>().AnyAsync(c => EF.Property<string>(c, "Code") == code))
        {
            return new DecisionResult(DecisionOutcome.Refused, alreadyListed);
        }
        db.Add(country);
        db.AuditEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            return new DecisionResult(DecisionOutcome.Conflict, $"{code} was added by someone else a moment ago.");
        }
        return new DecisionResult(DecisionOutcome.Done, added);
    }

    public static async Task<DecisionResult> RemoveAsync<T>(
        IDbContextFactory<OpsDbContext> contexts, string code, Func<T, AuditEntry> entry, string notListed, string removed) where T : class
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await db.Set<T>().SingleOrDefaultAsync(c => EF.Property<string>(c, "Code") == code) is not { } country)
        {
            return new DecisionResult(DecisionOutcome.NotFound, notListed);
        }
        db.Remove(country);
        db.AuditEntries.Add(entry(country));
        return await db.SaveOrConflictAsync() is null
            ? new DecisionResult(DecisionOutcome.Done, removed)
            : new DecisionResult(DecisionOutcome.Conflict, $"{code} was removed by someone else a moment ago.");
    }
}
