using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Partners;

namespace Onboarding.Ops.Data.Configurations;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> customer)
    {
        customer.ToTable("Customers");
        customer.HasKey(c => c.Id);
        // Ids are made by the domain: a new document or key reached from a tracked aggregate is new, not existing.
        customer.Property(c => c.Id).ValueGeneratedNever();
        customer.Property(c => c.Type).HasConversion<string>().HasMaxLength(20);
        customer.Property(c => c.Level).HasConversion<string>().HasMaxLength(20);
        customer.Property(c => c.Model).HasConversion<string>().HasMaxLength(20);
        customer.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        customer.Property(c => c.Queue).HasConversion<string>().HasMaxLength(20);
        customer.Property(c => c.PartnerId).HasMaxLength(64);
        customer.Property(c => c.PartnerReference).HasMaxLength(128);
        // Case-insensitive on each provider in its own way (OpsDbContext.ByProvider), so a name prefix search is an index range.
        customer.Property(c => c.Name).HasMaxLength(300);
        customer.Property(c => c.SortName).HasMaxLength(300);
        customer.Property(c => c.Email).HasMaxLength(256);
        customer.Property(c => c.NationalId).HasMaxLength(64);
        customer.Property(c => c.AssigneeId).HasMaxLength(64);
        customer.Property(c => c.AssigneeName).HasMaxLength(100);
        customer.Property(c => c.LastChangedBy).HasMaxLength(100);
        customer.Property(c => c.InformationRequestMessage).HasMaxLength(2000);
        customer.Property(c => c.Version).IsConcurrencyToken();
        customer.Ignore(c => c.OpenChecklist);
        customer.Ignore(c => c.PendingChanges);
        customer.Ignore(c => c.PersonUnderReview);
        customer.Ignore(c => c.CompanyUnderReview);

        customer.Property(c => c.Person).AsJson();
        customer.Property(c => c.Company).AsJson();
        customer.Property(c => c.Checklist).AsJson();
        customer.Property(c => c.Hold).AsJson();
        customer.Property(c => c.LastRejection).AsJson();
        customer.Property(c => c.Proposed).AsJson();
        customer.Property(c => c.LastDeclinedUpdate).AsJson();
        customer.Property(c => c.SourceOfFunds).AsJson();
        customer.Property(c => c.Checks).AsJson();
        customer.Property(c => c.Staged).AsJson();
        customer.Property(c => c.ScreeningHits).AsJson();
        customer.Property(c => c.RiskFactors).AsJson();
        customer.Property(c => c.RiskLevel).HasConversion<string>().HasMaxLength(10);
        customer.Ignore(c => c.RiskRequirements);
        customer.Property(c => c.ScreenedAgainst).HasMaxLength(500);

        customer.HasMany(c => c.Documents).WithOne().HasForeignKey("CustomerId").OnDelete(DeleteBehavior.Cascade);
        customer.Navigation(c => c.Documents).AutoInclude();
        customer.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Restrict);

        // What the queue asks for: each view is a range of (Queue, sort key); search kinds each have their index.
        // Status rides along so the SLA filter (a status-dependent range) is answered from the index alone.
        customer.HasIndex(c => new { c.Queue, c.WaitingSince, c.Status });
        // The "Screening hits" view: customers with an undecided hit, whatever their queue.
        customer.HasIndex(c => new { c.OpenHits, c.WaitingSince });
        // The risk filter within a view.
        customer.HasIndex(c => new { c.Queue, c.RiskLevel, c.WaitingSince });
        // "Due for review": active customers by their next review date.
        customer.HasIndex(c => new { c.Status, c.NextReviewOn });
        customer.HasIndex(c => new { c.Queue, c.Name });
        customer.HasIndex(c => new { c.Queue, c.CreatedAt });
        customer.HasIndex(c => new { c.Queue, c.Type, c.WaitingSince });
        customer.HasIndex(c => new { c.Queue, c.Level, c.WaitingSince });
        customer.HasIndex(c => new { c.Queue, c.Model, c.WaitingSince });
        customer.HasIndex(c => new { c.Status, c.WaitingSince });
        customer.HasIndex(c => new { c.PartnerId, c.WaitingSince });
        // A partner's customers' ids from the index alone (the reports for one partner).
        customer.HasIndex(c => new { c.PartnerId, c.Id });
        customer.HasIndex(c => c.WaitingSince);
        customer.HasIndex(c => c.CreatedAt);
        customer.HasIndex(c => c.AssigneeId);
        customer.HasIndex(c => c.PartnerReference);
        customer.HasIndex(c => c.Email);
        customer.HasIndex(c => c.NationalId);
        customer.HasIndex(c => c.BirthDate);
        customer.Property(c => c.VerificationLinkHash).HasMaxLength(64);
        customer.HasIndex(c => c.VerificationLinkHash);
        customer.HasIndex(c => c.Name);
        customer.HasIndex(c => c.SortName);
    }
}

public sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> document)
    {
        document.ToTable("CustomerDocuments");
        document.HasKey(d => d.Id);
        document.Property(d => d.Id).ValueGeneratedNever();
        document.Property(d => d.Type).HasConversion<string>().HasMaxLength(40);
        document.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        document.Property(d => d.IssuingCountry).HasMaxLength(3);
        document.Property(d => d.RejectionReason).HasMaxLength(64);
        document.Property(d => d.ReviewedBy).HasMaxLength(100);
        document.Property(d => d.File).AsJson();
        document.Property(d => d.Back).AsJson();
    }
}

public sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> partner)
    {
        partner.ToTable("Partners");
        partner.HasKey(p => p.Id);
        partner.Property(p => p.Id).HasMaxLength(64);
        partner.Property(p => p.Name).HasMaxLength(200);
        partner.Property(p => p.LastChangedBy).HasMaxLength(100);
        partner.Property(p => p.WebhookUrl).HasMaxLength(500);
        partner.Property(p => p.SealedWebhookSecret).HasMaxLength(1000);
        partner.Property(p => p.DefaultLevel).HasConversion<string>().HasMaxLength(20);
        partner.Ignore(p => p.HasWebhookSecret);
        partner.Property(p => p.Version).IsConcurrencyToken();
        partner.HasMany(p => p.Keys).WithOne().HasForeignKey("PartnerId").OnDelete(DeleteBehavior.Cascade);
        partner.Navigation(p => p.Keys).AutoInclude();
    }
}

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("ApiKeys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Id).ValueGeneratedNever();
        key.Property(k => k.Hash).HasMaxLength(64);
        key.Property(k => k.Prefix).HasMaxLength(16);
        key.HasIndex(k => k.Hash).IsUnique();
    }
}

public sealed class UnsupportedCountryConfiguration : IEntityTypeConfiguration<Domain.Checks.UnsupportedCountry>
{
    public void Configure(EntityTypeBuilder<Domain.Checks.UnsupportedCountry> country)
    {
        country.ToTable("UnsupportedCountries");
        country.HasKey(c => c.Code);
        country.Property(c => c.Code).HasMaxLength(2);
        country.Property(c => c.Reason).HasMaxLength(Domain.Checks.UnsupportedCountry.MaxReasonLength);
        country.Property(c => c.AddedBy).HasMaxLength(100);
        country.HasData(Domain.Checks.UnsupportedCountry.Initial(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero)));
    }
}
