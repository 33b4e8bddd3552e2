using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Web.Data.Configurations;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Partners;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Data;

/// <summary>
/// The one database of the back office: staff accounts (Identity) and the onboarding domain. Saving collects the audit
/// entries the aggregates' verbs appended, so a change and its entry land in the same transaction (the outbox is
/// filled in the same save by the webhooks' interceptor, from the verbs' domain events).
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

    /// <summary>The aggregates' new audit entries, saved with the change they record.</summary>
    private void CollectAuditEntries()
    {
        foreach (var aggregate in ChangeTracker.Entries<IAudited>().Select(e => e.Entity).ToList())
        {
            AuditEntries.AddRange(aggregate.TakeNewAuditEntries());
        }
    }

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
