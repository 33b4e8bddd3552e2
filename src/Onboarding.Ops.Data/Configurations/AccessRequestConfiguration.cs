using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Data.Configurations;

public sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> request)
    {
        request.ToTable("AccessRequests");
        request.HasKey(r => r.Id);
        request.Property(r => r.Id).ValueGeneratedNever();
        request.Property(r => r.PartnerId).HasMaxLength(64);
        request.Property(r => r.Product).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.CardType).HasMaxLength(64);
        request.Property(r => r.Currency).HasMaxLength(3);
        request.Property(r => r.RequestedBy).HasMaxLength(100);
        request.Property(r => r.DecidedBy).HasMaxLength(100);
        request.Property(r => r.LastChangedBy).HasMaxLength(100);
        request.Property(r => r.CustomerMessage).HasMaxLength(2000);
        request.Property(r => r.InternalNote).HasMaxLength(2000);
        request.Property(r => r.ReasonCodes).AsJson();
        request.Property(r => r.Staged).AsJson();
        request.Property(r => r.Version).IsConcurrencyToken();
        request.Ignore(r => r.Choice);
        request.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);

        request.HasIndex(r => new { r.Status, r.RequestedAt });
        request.HasIndex(r => new { r.CustomerId, r.Product });
        request.HasIndex(r => r.StagedAt);
    }
}
