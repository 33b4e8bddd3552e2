using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Screening;

namespace Onboarding.Ops.Web.Features.Screening;

/// <summary>Screening's settings (<c>Screening:*</c>): the score a hit needs, and a folder admins may import lists from.</summary>
public sealed record ScreeningSettings(double Threshold, string? ImportFolder)
{
    public const double DefaultThreshold = 0.85;
}

/// <summary>
/// Screens customers against the lists that are ready. Each instance keeps one in-memory index per ready list
/// version, built from the list's file in the document store the first time it is needed; a newer version (imported
/// by any instance) is seen at the next screening, which costs one small query.
/// </summary>
public sealed class Screener(IDocumentStore store, ScreeningSettings settings, ILogger<Screener> logger)
{
    private readonly SemaphoreSlim building = new(1, 1);
    private IReadOnlyList<(ScreeningList List, Matcher Matcher)> loaded = [];

    public double Threshold => settings.Threshold;

    /// <summary>Screens the customer's parties (as under review) against every ready list, and records the result.</summary>
    public async Task ScreenAsync(OpsDbContext db, Customer customer, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var lists = await ReadyAsync(db, cancellationToken);
        if (lists.Count > 0)
        {
            Screen(customer, lists, now);
        }
    }

    /// <summary>The same with the lists already in hand, for re-screening many customers in a row.</summary>
    public void Screen(Customer customer, IReadOnlyList<(ScreeningList List, Matcher Matcher)> lists, DateTimeOffset now) =>
        customer.RecordScreening(Actor.System, now, [.. Hits(customer.ScreenedParties(), lists)], string.Join("; ", lists.Select(l => l.List.Label)));

    private IEnumerable<ScreeningHit> Hits(IReadOnlyList<ScreenedParty> parties, IReadOnlyList<(ScreeningList List, Matcher Matcher)> lists) =>
        from party in parties
        from list in lists
        from found in list.Matcher.Match(party, settings.Threshold)
        select new ScreeningHit
        {
            List = list.List.Name, ListVersion = list.List.Version,
            EntryId = found.Entry.Id, EntryName = found.Entry.Name, EntryNames = found.Entry.Names, EntryBirthDates = found.Entry.BirthDates,
            EntryCountries = found.Entry.Countries, EntryIdentifiers = found.Entry.Identifiers, Programmes = found.Entry.Programmes,
            Dataset = found.Entry.Dataset, IsPep = found.Entry.IsPep,
            Party = party.Party, ScreenedName = party.Name, MatchedName = found.MatchedName, Score = found.Score, Matched = found.Matched,
            Basis = party.Basis,
        };

    /// <summary>The ready lists with their indexes, (re)built where a version is new to this instance.</summary>
    public async Task<IReadOnlyList<(ScreeningList List, Matcher Matcher)>> ReadyAsync(OpsDbContext db, CancellationToken cancellationToken = default)
    {
        var ready = await db.Set<ScreeningList>().AsNoTracking().Where(l => l.State == ScreeningListState.Ready)
            .OrderBy(l => l.Name).ToListAsync(cancellationToken);
        if (ready.Select(l => (l.Id, l.FileHash)).SequenceEqual(loaded.Select(l => (l.List.Id, l.List.FileHash))))
        {
            return loaded;
        }
        await building.WaitAsync(cancellationToken);
        try
        {
            var built = new List<(ScreeningList, Matcher)>();
            foreach (var list in ready)
            {
                var known = loaded.FirstOrDefault(l => l.List.Id == list.Id && l.List.FileHash == list.FileHash);
                built.Add(known.Matcher is not null ? known : (list, new Matcher(await EntriesAsync(list, cancellationToken))));
            }
            return loaded = built;
        }
        finally
        {
            building.Release();
        }
    }

    private async Task<IReadOnlyList<ListEntry>> EntriesAsync(ScreeningList list, CancellationToken cancellationToken)
    {
        var content = await store.ReadAsync(list.FileHash, cancellationToken)
            ?? throw new InvalidOperationException($"The file of the screening list {list.Label} ({list.FileHash}) is missing from the document store.");
        var parsed = ListFiles.Read(new MemoryStream(content));
        logger.LogInformation("Screening index of {List} built: {Entries} entries", list.Label, parsed.Entries.Count);
        return parsed.Entries;
    }
}
