using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Onboarding.Ops.Data;

/// <summary>
/// Who runs a piece of background work now (the hold wake-up, the housekeeping sweep, one partner's webhooks), until
/// when. Every app instance runs the same jobs; the one holding a work's lease does it, so with several instances on one
/// database each due hold wakes once and each event is posted once. A stopped instance's lease runs out and another
/// takes the work over.
/// </summary>
public sealed class Lease
{
    public const int MaxNameLength = 100;

    public string Name { get; set; } = "";
    public string Holder { get; set; } = "";
    public DateTimeOffset Until { get; set; }
}

public sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> lease)
    {
        lease.ToTable("Leases");
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(Lease.MaxNameLength);
        lease.Property(l => l.Holder).HasMaxLength(100);
    }
}

/// <summary>This app instance's name in the leases it holds: unique per process, readable in the table.</summary>
public sealed record AppInstance(string Id)
{
    public static AppInstance New() => new($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");
}

public static class Leases
{
    /// <summary>
    /// Takes the lease for <paramref name="for"/> from now, or renews it, unless another instance holds it still. One
    /// statement, so two instances asking at once cannot both get it: the row's key settles it.
    /// </summary>
    public static async Task<bool> TryTakeAsync(
        this OpsDbContext db, string name, AppInstance instance, DateTimeOffset now, TimeSpan @for, CancellationToken cancellationToken = default)
    {
        var (at, until) = (now.UtcDateTime, (now + @for).UtcDateTime);
        var taken = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Leases" ("Name", "Holder", "Until") VALUES ({name}, {instance.Id}, {until})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "Until" = excluded."Until"
            WHERE "Leases"."Holder" = excluded."Holder" OR "Leases"."Until" < {at}
            """, cancellationToken);
        return taken == 1;
    }

    /// <summary>Lets the lease go at once, so the next instance to ask takes the work without waiting for it to run out.</summary>
    public static Task ReleaseAsync(this OpsDbContext db, string name, AppInstance instance, CancellationToken cancellationToken = default) =>
        db.Set<Lease>().Where(l => l.Name == name && l.Holder == instance.Id).ExecuteDeleteAsync(cancellationToken);
}
