using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Onboarding.Ops.Domain.Audit;

namespace Onboarding.Ops.Data;

/// <summary>Writes the next <see cref="AuditCheckpoint"/> over the entries written since the last one.</summary>
public static class AuditCheckpoints
{
    /// <summary>
    /// Seals the heads of the chains that changed since the last checkpoint, up to the last entry saved now; null when
    /// nothing was written since (or another instance wrote this checkpoint first).
    /// </summary>
    public static async Task<AuditCheckpoint?> WriteAsync(OpsDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);
        var from = last?.ThroughEntryId ?? 0;
        var through = await db.LastSavedAuditEntryAsync(cancellationToken);
        if (through <= from)
        {
            return null;
        }
        // A chain's head as of `through`: its entry in the range with no later one in the range.
        var heads = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Id > from && e.Id <= through && e.Hash != null)
            .Where(e => !db.AuditEntries.Any(n => n.SubjectType == e.SubjectType && n.SubjectId == e.SubjectId
                && n.ChainSequence > e.ChainSequence && n.Id <= through))
            .Select(e => new { e.SubjectType, e.SubjectId, Sequence = e.ChainSequence!.Value, Hash = e.Hash! })
            .ToListAsync(cancellationToken);
        var (checkpoint, sealedHeads) = AuditCheckpoint.Seal(last, now, through, heads.Select(h => (h.SubjectType, h.SubjectId, h.Sequence, h.Hash)));
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.AuditCheckpoints.Add(checkpoint);
            await db.SaveChangesAsync(cancellationToken);
            await InsertHeadsAsync(db, transaction, sealedHeads, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return checkpoint;
        }
        catch (DbUpdateException)
        {
            // Another instance wrote this checkpoint first: its checkpoint covers the same entries.
            db.ChangeTracker.Clear();
            if (await db.AuditCheckpoints.AnyAsync(c => c.Sequence == checkpoint.Sequence, cancellationToken))
            {
                return null;
            }
            throw;
        }
    }

    /// <summary>
    /// The highest entry id such that every entry up to it is saved. On SQLite a reader never sees a write in progress,
    /// and a write in progress only ever takes higher ids. On PostgreSQL ids are taken at insert, before commit: a
    /// moment's SHARE lock waits for the inserts in progress and holds new ones back while the highest id is read.
    /// </summary>
    public static async Task<long> LastSavedAuditEntryAsync(this OpsDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            return await db.AuditEntries.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "AuditEntries" IN SHARE MODE""", cancellationToken);
        var through = await db.AuditEntries.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        await transaction.CommitAsync(cancellationToken);
        return through;
    }

    /// <summary>One prepared statement, not a tracked entity per head: the first checkpoint of a large trail seals a million chains.</summary>
    private static async Task InsertHeadsAsync(
        OpsDbContext db, IDbContextTransaction transaction, List<AuditCheckpointHead> heads, CancellationToken cancellationToken)
    {
        await using var insert = new RawStatement(db, transaction, """
            INSERT INTO "AuditCheckpointHeads" ("CheckpointSequence", "Position", "SubjectType", "SubjectId", "ChainSequence", "EntryHash")
            VALUES (@checkpoint, @position, @type, @id, @sequence, @hash)
            """, "checkpoint", "position", "type", "id", "sequence", "hash");
        foreach (var head in heads)
        {
            await insert.RunAsync(cancellationToken, head.CheckpointSequence, head.Position, head.SubjectType, head.SubjectId, head.ChainSequence, head.EntryHash);
        }
    }
}
