using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.ReferenceData;

/// <summary>
/// Admin › Reference data: the unsupported countries the eligibility check reads at every submission.
/// Admins only, checked here; every change audited.
/// </summary>
public sealed class CountryEligibility(CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock)
{
    public const string Subject = "unsupported_country";

    public async Task<IReadOnlyList<UnsupportedCountry>> ListAsync()
    {
        await current.RequireAsync(Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Set<UnsupportedCountry>().AsNoTracking().OrderBy(c => c.Code).ToListAsync();
    }

    public async Task<DecisionResult> AddAsync(string code, string reason)
    {
        var actor = (await current.RequireAsync(Policies.Admin)).ToActor();
        var now = clock.GetUtcNow();
        UnsupportedCountry country;
        try
        {
            country = UnsupportedCountry.Add(actor, now, code ?? "", reason ?? "");
        }
        catch (DomainRuleException refused)
        {
            return new DecisionResult(DecisionOutcome.Refused, refused.Message);
        }
        return await CountryLists.AddAsync(contexts, country, country.Code,
            AuditEntry.Create(actor, now, Subject, country.Code, null, "country_added", null, null, note: country.Reason),
            $"{country.Code} is already on the list.", $"{country.Code} added: new submissions tied to it fail the eligibility check.");
    }

    public async Task<DecisionResult> RemoveAsync(string code)
    {
        var actor = (await current.RequireAsync(Policies.Admin)).ToActor();
        return await CountryLists.RemoveAsync<UnsupportedCountry>(contexts, code,
            country => AuditEntry.Create(actor, clock.GetUtcNow(), Subject, code, null, "country_removed", null, null,
                details: new { country.Reason, country.AddedBy, country.AddedAt }),
            $"{code} is not on the list (any more).",
            $"{code} removed: new submissions are no longer refused for it. Checks already recorded stay as they are.");
    }
}
