using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Hosted;

/// <summary>A new link for a hosted customer from the customer page (Support, Reviewer, Admin); shown once.</summary>
public sealed record IssuedLink(string? Token, DecisionResult Result);

public sealed class VerificationLinks(CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, LinkSettings settings)
{
    /// <summary>Staff say why: the end user's current link stops working and the partner is told.</summary>
    public async Task<IssuedLink> RegenerateAsync(Guid customerId, int version, string reason)
    {
        var staff = (await current.RequireAsync(Policies.Assist)).ToActor();
        await using var db = await contexts.CreateDbContextAsync();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId);
        if (customer is null)
        {
            return new IssuedLink(null, new DecisionResult(DecisionOutcome.NotFound, "This customer no longer exists."));
        }
        if (Decision.Stale(customer, version, "customer") is { } stale)
        {
            return new IssuedLink(null, stale);
        }
        string? token = null;
        var result = await Decision.ApplyAsync(db, () => token = customer.IssueVerificationLink(staff, clock.GetUtcNow(), settings.Lifetime, reason),
            "New verification link: give it to the end user (or the partner) now, it is not shown again. The old link no longer opens.");
        return new IssuedLink(result.Succeeded ? token : null, result);
    }

    /// <summary>The customer whose current, unexpired link this token is; null otherwise.</summary>
    public static async Task<Customer?> CustomerBehindAsync(IQueryable<Customer> customers, string? token, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Customer.HashOfLinkToken(token);
        var customer = await customers.SingleOrDefaultAsync(c => c.VerificationLinkHash == hash);
        return customer is not null && customer.OpensWith(token, now) ? customer : null;
    }

    /// <summary>
    /// The customer a link opens, or null for an unknown, replaced or expired one (all answered alike). Each opening is
    /// audited beside the customer (not through it: looking changes nothing a reviewer could be working on).
    /// </summary>
    public async Task<Customer?> OpenAsync(string token, string? from)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = clock.GetUtcNow();
        if (await CustomerBehindAsync(db.Customers.AsNoTracking(), token, now) is not { } customer)
        {
            return null;
        }
        db.AuditEntries.Add(AuditEntry.Create(Actor.EndUser("end-user", "End user (verification link)"), now, "customer", customer.Id.ToString(),
            customer.Id, "verification_link_opened", null, null, details: new { from }));
        await db.SaveChangesAsync();
        return customer;
    }
}
