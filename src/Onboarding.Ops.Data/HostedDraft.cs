using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Onboarding.Ops.Data;

/// <summary>The end user's answers on the hosted page, saved at each step until submitted (JSON).</summary>
public sealed class HostedDraft
{
    public Guid CustomerId { get; set; }
    public string Answers { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class HostedDraftConfiguration : IEntityTypeConfiguration<HostedDraft>
{
    public void Configure(EntityTypeBuilder<HostedDraft> draft)
    {
        draft.ToTable("HostedDrafts");
        draft.HasKey(d => d.CustomerId);
    }
}
