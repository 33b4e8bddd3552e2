using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data.Configurations;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Partners;

namespace Onboarding.Ops.Data;

/// <summary>
/// The one database of the back office: staff accounts (Identity) and the onboarding domain. Saving collects the audit
/// entries the aggregates' verbs appended, so a change and its entry land in the same transaction, each entry chained
/// after its subject's last one (<see cref="AuditChaining"/>). The outbox is filled in the same save by the webhooks'
/// interceptor, from the verbs' domain events.
/// </summary>
public sealed class OpsDbContext(DbContextOptions<OpsDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<AuditCheckpointHead> AuditCheckpointHeads => Set<AuditCheckpointHead>();

    /// <summary>The Data Protection key ring when the instances share a server database (unused on SQLite: a folder).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CollectAuditEntries();
        for (var attempt = 1; ; attempt++)
        {
            AuditChaining.Chain(this);
            try
            {
                return base.SaveChanges(acceptAllChangesOnSuccess);
            }
            catch (DbUpdateException e) when (attempt < ChainAttempts && AuditChaining.IsChainCollision(e))
            {
            }
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CollectAuditEntries();
        for (var attempt = 1; ; attempt++)
        {
            await AuditChaining.ChainAsync(this, cancellationToken);
            try
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < ChainAttempts && AuditChaining.IsChainCollision(e))
            {
            }
        }
    }

    /// <summary>Another save appended to the same chain in between: read the new head and try again, a few times.</summary>
    private const int ChainAttempts = 5;

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
        ByProvider(builder);
    }

    /// <summary>
    /// What each provider does natively: names compare without case (SQLite's NOCASE; on PostgreSQL an index on
    /// lower(name), declared in its migrations), and JSON values are jsonb on PostgreSQL.
    /// </summary>
    private void ByProvider(ModelBuilder builder)
    {
        UtcDay.Map(builder, Database.IsSqlite());
        if (Database.IsSqlite())
        {
            builder.Entity<Customer>().Property(c => c.Name).UseCollation("NOCASE");
            builder.Entity<Customer>().Property(c => c.SortName).UseCollation("NOCASE");
            builder.Ignore<DataProtectionKey>(); // one process: the key ring is a folder beside the file
            return;
        }
        var json = builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
            .Where(p => p.GetValueConverter()?.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(Conversions.JsonConverter<>));
        foreach (var property in json)
        {
            property.SetColumnType("jsonb");
        }
    }
}
