using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Onboarding.Ops.Data;

/// <summary>
/// A queue's filters saved under a name by a staff member, for themselves or shared with the team. The filters are kept
/// as the queue's own query string, so a saved view opens exactly as its URL would.
/// </summary>
public sealed class SavedView
{
    public const int MaxNameLength = 60;

    public Guid Id { get; set; }
    public string OwnerId { get; set; } = "";
    public string OwnerName { get; set; } = "";
    public string Name { get; set; } = "";
    public string Query { get; set; } = "";
    public bool Shared { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> view)
    {
        view.ToTable("SavedViews");
        view.HasKey(v => v.Id);
        view.Property(v => v.OwnerId).HasMaxLength(450);
        view.Property(v => v.OwnerName).HasMaxLength(100);
        view.Property(v => v.Name).HasMaxLength(SavedView.MaxNameLength);
        view.Property(v => v.Query).HasMaxLength(1000);
        view.HasIndex(v => v.OwnerId);
        view.HasIndex(v => v.Shared);
    }
}
