using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Web.Data;

namespace Onboarding.Ops.Web.Features.Customers;

/// <summary>Runs the domain's automated checks on a submission, with the duplicate signals looked up across partners.</summary>
public static class CustomerChecks
{
    public static async Task RecordAsync(OpsDbContext db, Customer customer, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (nationalId, email, id) = (customer.NationalId, customer.Email, customer.Id);
        var matches = await db.Customers.AsNoTracking().IgnoreAutoIncludes()
            .Where(c => c.Id != id && ((nationalId != null && c.NationalId == nationalId) || (email != null && c.Email == email)))
            .Select(c => new { c.Id, c.Name, c.NationalId }).Take(10).ToListAsync(cancellationToken);
        var duplicates = matches.Select(m => new DuplicateMatch(m.Id, m.Name,
            m.NationalId != null && m.NationalId == nationalId ? DuplicateKind.NationalId : DuplicateKind.Email)).ToList();
        customer.RecordChecks(Actor.System, now, AutomatedChecks.Run(customer, duplicates, CheckSettings.Default, DateOnly.FromDateTime(now.UtcDateTime)));
    }
}
