using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Onboarding.Ops.Data;

public enum ScreeningListState
{
    /// <summary>Uploaded, waiting for the background import.</summary>
    Queued,
    Reading,
    /// <summary>Read whole and clean: the version customers are screened against, until a newer one is ready.</summary>
    Ready,
    /// <summary>A line could not be read: nothing of the file was imported.</summary>
    Refused,
    /// <summary>A newer version of the same list is ready.</summary>
    Superseded,
}

/// <summary>
/// One imported version of a sanctions or PEP list (Admin › Screening): which list, which file (kept in the document
/// store by its SHA-256, so every instance builds its index from the same bytes), when and by whom, what it held, and
/// the re-screening of customers it started.
/// </summary>
public sealed class ScreeningList
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int Version { get; set; }
    public string FileName { get; set; } = "";
    public string FileHash { get; set; } = "";
    public long FileBytes { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public string ImportedBy { get; set; } = "";
    public ScreeningListState State { get; set; }
    /// <summary>How far the background read got, for the progress shown.</summary>
    public int LinesRead { get; set; }
    public int Entries { get; set; }
    public int Persons { get; set; }
    public int Pep { get; set; }
    /// <summary>The unreadable lines of a refused file, one per line ("line 12: no name"), the first few only.</summary>
    public string? Problems { get; set; }
    public int ProblemCount { get; set; }
    public int RescreenTotal { get; set; }
    public int RescreenDone { get; set; }
    public int RescreenHits { get; set; }
    public DateTimeOffset? ReadyAt { get; set; }
    public DateTimeOffset? RescreenedAt { get; set; }

    /// <summary>"Demo sanctions v2": how a screening names what it ran against.</summary>
    public string Label => $"{Name} v{Version}";
}

public sealed class ScreeningListConfiguration : IEntityTypeConfiguration<ScreeningList>
{
    public void Configure(EntityTypeBuilder<ScreeningList> list)
    {
        list.ToTable("ScreeningLists");
        list.HasKey(l => l.Id);
        list.Property(l => l.Name).HasMaxLength(100);
        list.Property(l => l.FileName).HasMaxLength(260);
        list.Property(l => l.FileHash).HasMaxLength(64);
        list.Property(l => l.ImportedBy).HasMaxLength(100);
        list.Property(l => l.State).HasConversion<string>().HasMaxLength(20);
        list.Property(l => l.Problems).HasMaxLength(8000);
        list.HasIndex(l => new { l.Name, l.Version }).IsUnique();
        list.HasIndex(l => l.State);
        list.Ignore(l => l.Label);
    }
}
