using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain.Audit;

namespace Onboarding.Ops.Data;

/// <summary>
/// Puts each new audit entry of a save at the end of its subject's chain: the head (last place and hash) is read from
/// the database, the entries are numbered after it in the order they were appended. Only entries of the same subject
/// meet here, so decisions on different customers never wait on one another; two saves that read the same head collide
/// on the chain's unique index and the later one reads the new head and tries again.
/// </summary>
public static class AuditChaining
{
    private sealed record Head(long Sequence, string? Hash);

    /// <summary>
    /// The head of a chain, as compiled queries (the save path runs them for every chain it appends to). A compiled query
    /// serves the one model it was compiled against, so there is one pair per model: a process with two service
    /// providers (a tool, a test beside the app) has two models.
    /// </summary>
    private sealed class HeadQueries
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, HeadQueries> PerModel = new();

        public static HeadQueries For(OpsDbContext db) => PerModel.GetValue(db.Model, _ => new HeadQueries());

        public Func<OpsDbContext, string, string, Head?> HeadOf { get; } = EF.CompileQuery(
            (OpsDbContext db, string type, string id) => db.AuditEntries
                .Where(e => e.SubjectType == type && e.SubjectId == id && e.ChainSequence != null)
                .OrderByDescending(e => e.ChainSequence).Select(e => new Head(e.ChainSequence!.Value, e.Hash)).FirstOrDefault());

        public Func<OpsDbContext, string, string, CancellationToken, Task<Head?>> HeadOfAsync { get; } = EF.CompileAsyncQuery(
            (OpsDbContext db, string type, string id, CancellationToken _) => db.AuditEntries
                .Where(e => e.SubjectType == type && e.SubjectId == id && e.ChainSequence != null)
                .OrderByDescending(e => e.ChainSequence).Select(e => new Head(e.ChainSequence!.Value, e.Hash)).FirstOrDefault());
    }

    internal static void Chain(OpsDbContext db)
    {
        foreach (var chain in NewEntriesByChain(db))
        {
            Chain(chain, HeadQueries.For(db).HeadOf(db, chain.Key.SubjectType, chain.Key.SubjectId));
        }
    }

    internal static async Task ChainAsync(OpsDbContext db, CancellationToken cancellationToken)
    {
        foreach (var chain in NewEntriesByChain(db))
        {
            Chain(chain, await HeadQueries.For(db).HeadOfAsync(db, chain.Key.SubjectType, chain.Key.SubjectId, cancellationToken));
        }
    }

    /// <summary>
    /// Chains the entries written before there were chains (an upgraded database), in the order they were written, in
    /// batches of their own transactions; the database lets an entry without a hash be updated this once. Run by the
    /// migration step, before the app appends anything. Returns how many entries it chained.
    /// </summary>
    public static async Task<long> ChainUnchainedAsync(OpsDbContext db, CancellationToken cancellationToken = default)
    {
        const int batch = 5_000;
        if (!await db.AuditEntries.AnyAsync(e => e.Hash == null, cancellationToken))
        {
            return 0;
        }
        // The heads of the chains met so far; a chain chained in part (an upgrade stopped half way) is read once.
        var heads = new Dictionary<(string, string), Head?>();
        var partly = await db.AuditEntries.AnyAsync(e => e.Hash != null, cancellationToken);
        var (lastId, chained) = (0L, 0L);
        while (true)
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Hash == null && e.Id > lastId)
                .OrderBy(e => e.Id).Take(batch).ToListAsync(cancellationToken);
            if (entries.Count == 0)
            {
                return chained;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using var update = new RawStatement(db, transaction,
                """UPDATE "AuditEntries" SET "ChainSequence" = @sequence, "PreviousHash" = @previous, "Hash" = @hash WHERE "Id" = @id""",
                "sequence", "previous", "hash", "id");
            foreach (var entry in entries)
            {
                var key = (entry.SubjectType, entry.SubjectId);
                if (!heads.TryGetValue(key, out var head) && partly)
                {
                    head = await HeadQueries.For(db).HeadOfAsync(db, entry.SubjectType, entry.SubjectId, cancellationToken);
                }
                entry.Chain((head?.Sequence ?? 0) + 1, head?.Hash);
                heads[key] = new Head(entry.ChainSequence!.Value, entry.Hash);
                await update.RunAsync(cancellationToken, entry.ChainSequence, entry.PreviousHash, entry.Hash, entry.Id);
            }
            await transaction.CommitAsync(cancellationToken);
            (lastId, chained) = (entries[^1].Id, chained + entries.Count);
        }
    }

    /// <summary>The save failed because another save appended to one of its chains first.</summary>
    internal static bool IsChainCollision(DbUpdateException e) =>
        e is not DbUpdateConcurrencyException && e.InnerException?.Message.Contains(nameof(AuditEntry.ChainSequence)) == true;

    private static List<IGrouping<(string SubjectType, string SubjectId), AuditEntry>> NewEntriesByChain(OpsDbContext db)
    {
        // New entries are added, never found by scanning the graph: no need for a second DetectChanges (it compares every
        // JSON value of a loaded aggregate, and the save runs one anyway).
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
                .GroupBy(e => (e.SubjectType, e.SubjectId)).ToList();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static void Chain(IEnumerable<AuditEntry> entries, Head? head)
    {
        var (sequence, previous) = head is null ? (0L, null) : (head.Sequence, head.Hash);
        foreach (var entry in entries)
        {
            entry.Chain(++sequence, previous);
            previous = entry.Hash;
        }
    }
}
