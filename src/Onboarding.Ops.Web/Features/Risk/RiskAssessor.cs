using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Web.Features.Risk;

/// <summary>
/// Assesses customers' risk with the policy admins keep and the products each has requested, before the save that
/// changed what the risk rests on (a submission, a screening, a decision, a product request). The domain records it
/// only when the assessment changed.
/// </summary>
public static class RiskAssessor
{
    public static Task AssessAsync(OpsDbContext db, Customer customer, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        AssessAsync(db, [customer], now, cancellationToken);

    public static async Task AssessAsync(OpsDbContext db, IReadOnlyList<Customer> customers, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var policy = await db.RiskPolicyAsync(cancellationToken);
        var ids = customers.Select(c => c.Id).ToList();
        var saved = await db.AccessRequests.AsNoTracking().Where(r => ids.Contains(r.CustomerId))
            .Select(r => new { r.CustomerId, r.Product }).Distinct().ToListAsync(cancellationToken);
        // Requests made in this same change are not saved yet: they count too.
        var adding = db.ChangeTracker.Entries<AccessRequest>().Where(e => e.State == EntityState.Added)
            .Select(e => new { e.Entity.CustomerId, e.Entity.Product });
        var requested = saved.Concat(adding).ToLookup(r => r.CustomerId, r => r.Product);
        foreach (var customer in customers)
        {
            customer.AssessRisk(Actor.System, now, policy.Assess(customer, [.. requested[customer.Id].Distinct()]));
        }
    }

    /// <summary>The trail's record that <see cref="AssessTheUnassessedAsync"/> ran: its subject, so it runs once.</summary>
    public const string UpgradeSubject = "upgrade";
    public const string UpgradeStep = "risk-and-review-dates";

    /// <summary>
    /// Assesses, once, the customers an older version left unassessed (written before risk existed) and the active ones
    /// it left without a review date (approved before periodic reviews), in batches of their own saves, each change in
    /// the trail; then records that it ran. Run by the migration step, before the app takes traffic. Returns how many
    /// customers it assessed, or null when it had run before.
    /// </summary>
    public static async Task<int?> AssessTheUnassessedAsync(OpsDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (await db.AuditEntries.AnyAsync(e => e.SubjectType == UpgradeSubject && e.SubjectId == UpgradeStep, cancellationToken))
        {
            return null;
        }
        var (assessed, _) = await AssessInBatchesAsync(db, c => c.RiskAssessedAt == null || (c.Status == CustomerStatus.Active && c.LastReviewedAt == null),
            now, cancellationToken);
        db.AuditEntries.Add(AuditEntry.Create(Actor.System, now, UpgradeSubject, UpgradeStep, null, "customers_assessed_on_upgrade", null, null,
            note: $"{assessed} customers written before risk or periodic reviews existed were assessed; active ones got their first review date.",
            details: new { customers = assessed }));
        await db.SaveChangesAsync(cancellationToken);
        return assessed;
    }

    /// <summary>
    /// Assesses the customers <paramref name="which"/> names, walking them by id in batches of 500, each batch saved with
    /// the trail's entries of what changed (a batch a decision changed meanwhile is read again). Returns how many
    /// customers it assessed and how many of their assessments changed.
    /// </summary>
    public static async Task<(int Assessed, int Changed)> AssessInBatchesAsync(
        OpsDbContext db, System.Linq.Expressions.Expression<Func<Customer, bool>> which, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const int batch = 500;
        var (assessed, changed, lastId, attempt) = (0, 0, Guid.Empty, 1);
        while (true)
        {
            // Walked past each batch by id: a customer the assessment left as it was is not met twice.
            var customers = await db.Customers.Where(which).Where(c => c.Id.CompareTo(lastId) > 0)
                .OrderBy(c => c.Id).Take(batch).ToListAsync(cancellationToken);
            if (customers.Count == 0)
            {
                return (assessed, changed);
            }
            var versions = customers.Select(c => c.Version).ToList();
            await AssessAsync(db, customers, now, cancellationToken);
            var changedHere = customers.Where((c, i) => c.Version != versions[i]).Count(); // a changed assessment is a recorded change
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                (assessed, changed, lastId, attempt) = (assessed + customers.Count, changed + changedHere, customers[^1].Id, 1);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A reviewer changed one of them meanwhile: read the batch again and assess it as it is now.
                attempt++;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
