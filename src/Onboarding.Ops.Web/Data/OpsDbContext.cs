using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Web.Data.Configurations;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Partners;
using Onboarding.Ops.Web.Features.Webhooks;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Data;

/// <summary>
/// The one database of the back office: staff accounts (Identity) and the onboarding domain. Saving collects the audit
/// entries the aggregates' verbs appended and the partner events they stand for, so a change, its entry and its event
/// land in the same transaction.
/// </summary>
public sealed class OpsDbContext(DbContextOptions<OpsDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole, string>(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Partner> Partners => Set<Partner>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CollectAuditEntries();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CollectAuditEntries();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The aggregates' new audit entries, and the partner events they stand for (the outbox), in this save.</summary>
    private void CollectAuditEntries()
    {
        var aggregates = ChangeTracker.Entries<IAudited>().Select(e => e.Entity).ToList();
        foreach (var aggregate in aggregates)
        {
            var entries = aggregate.TakeNewAuditEntries();
            AuditEntries.AddRange(entries);
            Set<WebhookEvent>().AddRange(PartnerEvents.From(aggregate, entries, PartnerOf));
        }
    }

    private string? PartnerOf(Guid customerId) =>
        ChangeTracker.Entries<Customer>().FirstOrDefault(e => e.Entity.Id == customerId)?.Entity.PartnerId
        ?? Customers.AsNoTracking().IgnoreAutoIncludes().Where(c => c.Id == customerId).Select(c => c.PartnerId).SingleOrDefault();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot order or compare DateTimeOffset; every time here is UTC, stored as readable, sortable UTC text.
        builder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        builder.Properties<DateTimeOffset?>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<StaffUser>(user => user.Property(u => u.DisplayName).HasMaxLength(100));
        builder.ApplyConfigurationsFromAssembly(typeof(OpsDbContext).Assembly);
    }
}
