using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Features.Customers;

/// <summary>
/// Runs the domain's automated checks on a submission, with the duplicate signals looked up across partners and the
/// unsupported countries as admins keep them.
/// </summary>
public static class CustomerChecks
{
    public static async Task RecordAsync(OpsDbContext db, Customer customer, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var settings = CheckSettings.Default with
        {
            UnsupportedCountries = (await db.Set<UnsupportedCountry>().Select(c => c.Code).ToListAsync(cancellationToken)).ToHashSet(),
        };
        customer.RecordChecks(Actor.System, now,
            AutomatedChecks.Run(customer, await DuplicatesAsync(db, customer, cancellationToken), settings, DateOnly.FromDateTime(now.UtcDateTime)));
    }

    /// <summary>
    /// Other customers, of any partner, with the same national id, the same email, or the same name and birth date: the
    /// ten who came first (the one a duplicate most likely copies), the same ten each time the check runs.
    /// </summary>
    public static async Task<IReadOnlyList<DuplicateMatch>> DuplicatesAsync(OpsDbContext db, Customer customer, CancellationToken cancellationToken = default)
    {
        // An update under review is checked as proposed.
        var person = customer.PersonUnderReview;
        var (nationalId, birthDate, id) = (person?.NationalId?.Trim(), person?.BirthDate, customer.Id);
        var email = (person?.Email ?? customer.CompanyUnderReview?.Email)?.Trim().ToLowerInvariant();
        var name = (person?.FullName ?? customer.CompanyUnderReview?.LegalName?.Trim() ?? "").ToLower();
        var matches = await db.Customers.AsNoTracking().IgnoreAutoIncludes()
            .Where(c => c.Id != id && ((nationalId != null && c.NationalId == nationalId) || (email != null && c.Email == email)
                || (birthDate != null && c.BirthDate == birthDate && c.Name.ToLower() == name)))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.NationalId, c.Email }).Take(10).ToListAsync(cancellationToken);
        return [.. matches.Select(m => new DuplicateMatch(m.Id, m.Name,
            m.NationalId != null && m.NationalId == nationalId ? DuplicateKind.NationalId
            : m.Email != null && m.Email == email ? DuplicateKind.Email
            : DuplicateKind.NameAndBirthDate))];
    }
}
