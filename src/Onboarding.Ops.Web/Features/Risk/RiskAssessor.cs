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
        const int batch = 500;
        if (await db.AuditEntries.AnyAsync(e => e.SubjectType == UpgradeSubject && e.SubjectId == UpgradeStep, cancellationToken))
        {
            return null;
        }
        var (assessed, lastId) = (0, Guid.Empty);
        while (true)
        {
            // Ordered by id and walked past each batch: a customer the assessment could not change is not met twice.
            var customers = await db.Customers
                .Where(c => c.RiskAssessedAt == null || (c.Status == CustomerStatus.Active && c.LastReviewedAt == null))
                .Where(c => c.Id.CompareTo(lastId) > 0).OrderBy(c => c.Id).Take(batch).ToListAsync(cancellationToken);
            if (customers.Count == 0)
            {
                break;
            }
            await AssessAsync(db, customers, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            (assessed, lastId) = (assessed + customers.Count, customers[^1].Id);
        }
        db.AuditEntries.Add(AuditEntry.Create(Actor.System, now, UpgradeSubject, UpgradeStep, null, "customers_assessed_on_upgrade", null, null,
            note: $"{assessed} customers written before risk or periodic reviews existed were assessed; active ones got their first review date.",
            details: new { customers = assessed }));
        await db.SaveChangesAsync(cancellationToken);
        return assessed;
    }
}
