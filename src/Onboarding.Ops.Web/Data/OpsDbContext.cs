using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Data;

/// <summary>The one database of the back office: staff accounts (Identity) and, beside them, the onboarding domain.</summary>
public sealed class OpsDbContext(DbContextOptions<OpsDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole, string>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<StaffUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(100);
        });
        builder.ApplyConfigurationsFromAssembly(typeof(OpsDbContext).Assembly);
    }
}
