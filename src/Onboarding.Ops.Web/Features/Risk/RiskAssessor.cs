using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
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
}
