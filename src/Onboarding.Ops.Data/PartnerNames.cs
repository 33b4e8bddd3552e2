using Microsoft.EntityFrameworkCore;

namespace Onboarding.Ops.Data;

public static class PartnerNames
{
    /// <summary>Every partner's name by id: a handful of rows, read once per page rather than joined per row.</summary>
    public static Task<Dictionary<string, string>> PartnerNamesAsync(this OpsDbContext db, CancellationToken cancellationToken = default) =>
        db.Partners.AsNoTracking().IgnoreAutoIncludes().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
}
