using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Audit;

namespace Onboarding.Ops.Web.Features.Audit;

/// <summary>
/// Checks the whole trail: every chain (each entry's hash recomputed from its content, its place and the hash before
/// it), the checkpoints' own chain and hashes, that every head a checkpoint sealed is still the entry it sealed, and that
/// no entry older than the latest checkpoint is missing from it. Each problem names the entry; the run is kept, and a
/// failed run is logged as an error and recorded in the trail.
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, ILogger<AuditVerifier> logger)
{
    public const string Subject = "audit";

    /// <summary>Verifies the trail and keeps the result. <paramref name="expectedCheckpointHash"/>: a checkpoint's hash kept outside the database.</summary>
    public async Task<AuditVerificationRun> VerifyAsync(string runBy, string? expectedCheckpointHash = null, CancellationToken cancellationToken = default)
    {
        var run = new AuditVerificationRun { StartedAt = clock.GetUtcNow(), RunBy = runBy };
        var problems = new Findings();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await CheckChainsAsync(db, run, problems, cancellationToken);
            var latest = await CheckCheckpointsAsync(db, run, problems, expectedCheckpointHash, cancellationToken);
            await CheckSealedHeadsAsync(db, problems, cancellationToken);
            (run.CheckpointSequence, run.CheckpointHash) = (latest?.Sequence, latest?.Hash);
            if (latest is not null)
            {
                await CheckNothingSlippedInAsync(db, latest, problems, cancellationToken);
                run.Unsealed = await db.AuditEntries.LongCountAsync(e => e.Id > latest.ThroughEntryId, cancellationToken);
            }
            else
            {
                run.Unsealed = run.Entries;
            }
        }
        run.Passed = problems.Count == 0;
        run.Problems = run.Passed ? null : problems.Text();
        run.FinishedAt = clock.GetUtcNow();
        await SaveAsync(run, problems.Count, cancellationToken);
        return run;
    }

    private static async Task CheckChainsAsync(OpsDbContext db, AuditVerificationRun run, Findings problems, CancellationToken cancellationToken)
    {
        (string Type, string Id)? chain = null;
        var (expected, previousHash, previousId) = (1L, (string?)null, 0L);
        var entries = db.AuditEntries.AsNoTracking()
            .OrderBy(e => e.SubjectType).ThenBy(e => e.SubjectId).ThenBy(e => e.ChainSequence)
            .AsAsyncEnumerable();
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            run.Entries++;
            var name = $"{entry.SubjectType} {entry.SubjectId}";
            if (entry.Hash is null || entry.ChainSequence is not { } sequence)
            {
                problems.Add(entry.Id, $"Entry #{entry.Id} ({name}, {entry.Action}) has no hash: it was written around the application (inserted).");
                continue;
            }
            if (chain != (entry.SubjectType, entry.SubjectId))
            {
                (chain, expected, previousHash, previousId) = ((entry.SubjectType, entry.SubjectId), 1, null, 0);
                run.Chains++;
            }
            if (sequence > expected)
            {
                var missing = sequence - expected == 1 ? $"the entry at place {expected} is" : $"places {expected} to {sequence - 1} are";
                var after = previousId > 0 ? $"follows place {expected - 1} (entry #{previousId})" : "is the first of its chain left";
                problems.Add(entry.Id, $"Entry #{entry.Id} ({name}, place {sequence}) {after}: {missing} missing (deleted).");
            }
            else if (sequence < expected)
            {
                problems.Add(entry.Id, $"Entry #{entry.Id} ({name}) repeats place {sequence} of its chain (inserted).");
            }
            else if (entry.PreviousHash != previousHash)
            {
                problems.Add(entry.Id, $"Entry #{entry.Id} ({name}, place {sequence}) does not follow the entry before it"
                    + (previousId > 0 ? $" (#{previousId})" : "") + " (inserted, moved or reordered).");
            }
            if (entry.ComputeHash() != entry.Hash)
            {
                problems.Add(entry.Id, $"Entry #{entry.Id} ({name}, place {sequence}, {entry.Action} at {entry.At:yyyy-MM-dd HH:mm:ss} UTC) was changed after it was written: its content or place does not match its hash.");
            }
            (expected, previousHash, previousId) = (sequence + 1, entry.Hash, entry.Id);
        }
    }

    /// <summary>The checkpoints' chain; returns the latest checkpoint.</summary>
    private static async Task<AuditCheckpoint?> CheckCheckpointsAsync(
        OpsDbContext db, AuditVerificationRun run, Findings problems, string? expectedHash, CancellationToken cancellationToken)
    {
        var checkpoints = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Sequence).ToListAsync(cancellationToken);
        run.Checkpoints = checkpoints.Count;
        var heads = db.AuditCheckpointHeads.AsNoTracking().OrderBy(h => h.CheckpointSequence).ThenBy(h => h.Position).AsAsyncEnumerable();
        await using var reader = heads.GetAsyncEnumerator(cancellationToken);
        var more = await reader.MoveNextAsync();
        AuditCheckpoint? previous = null;
        foreach (var checkpoint in checkpoints)
        {
            var root = new MerkleTree.RootBuilder();
            while (more && reader.Current.CheckpointSequence < checkpoint.Sequence)
            {
                more = await reader.MoveNextAsync();
            }
            while (more && reader.Current.CheckpointSequence == checkpoint.Sequence)
            {
                root.Add(reader.Current.Leaf());
                more = await reader.MoveNextAsync();
            }
            var order = long.MinValue + checkpoint.Sequence;
            if (checkpoint.Sequence != (previous?.Sequence ?? 0) + 1)
            {
                problems.Add(order, $"Checkpoint {checkpoint.Sequence} follows checkpoint {previous?.Sequence ?? 0}: checkpoints between them are missing (deleted).");
            }
            else if (checkpoint.PreviousHash != previous?.Hash)
            {
                problems.Add(order, $"Checkpoint {checkpoint.Sequence} does not follow checkpoint {previous?.Sequence} (rewritten).");
            }
            if (root.Count != checkpoint.ChainCount || Convert.ToHexStringLower(root.Root()) != checkpoint.Root || checkpoint.ComputeHash() != checkpoint.Hash)
            {
                problems.Add(order, $"Checkpoint {checkpoint.Sequence} ({checkpoint.At:yyyy-MM-dd HH:mm} UTC) was changed after it was written: it or the chain heads it sealed do not match its hash.");
            }
            previous = checkpoint;
        }
        if (expectedHash is { Length: > 0 } kept && checkpoints.All(c => c.Hash != kept.Trim().ToLowerInvariant()))
        {
            problems.Add(long.MinValue, $"No checkpoint has the hash kept outside the database ({kept.Trim()}): checkpoints were rewritten or removed.");
        }
        return previous;
    }

    /// <summary>Every chain head a checkpoint sealed is still there, with the hash it had.</summary>
    private static async Task CheckSealedHeadsAsync(OpsDbContext db, Findings problems, CancellationToken cancellationToken)
    {
        var sealedHeads =
            from head in db.AuditCheckpointHeads.AsNoTracking()
            join entry in db.AuditEntries on new { head.SubjectType, head.SubjectId, Sequence = (long?)head.ChainSequence }
                equals new { entry.SubjectType, entry.SubjectId, Sequence = entry.ChainSequence } into found
            from entry in found.DefaultIfEmpty()
            where entry == null || entry.Hash != head.EntryHash
            select new { head.CheckpointSequence, head.SubjectType, head.SubjectId, head.ChainSequence, EntryId = (long?)entry!.Id };
        await foreach (var head in sealedHeads.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var name = $"{head.SubjectType} {head.SubjectId}";
            problems.Add(head.EntryId ?? long.MinValue + head.CheckpointSequence, head.EntryId is { } id
                ? $"Entry #{id} ({name}, place {head.ChainSequence}) is not the entry checkpoint {head.CheckpointSequence} sealed (rewritten)."
                : $"The entry at place {head.ChainSequence} of {name}, sealed by checkpoint {head.CheckpointSequence}, is missing (deleted).");
        }
    }

    /// <summary>An entry older than the latest checkpoint that no checkpoint sealed was put in afterwards.</summary>
    private static async Task CheckNothingSlippedInAsync(
        OpsDbContext db, AuditCheckpoint latest, Findings problems, CancellationToken cancellationToken)
    {
        var slipped = db.AuditEntries.AsNoTracking()
            .Where(e => e.Id <= latest.ThroughEntryId && e.ChainSequence != null)
            .Where(e => !db.AuditCheckpointHeads.Any(h => h.SubjectType == e.SubjectType && h.SubjectId == e.SubjectId && h.ChainSequence >= e.ChainSequence))
            .Select(e => new { e.Id, e.SubjectType, e.SubjectId, e.ChainSequence });
        await foreach (var entry in slipped.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            problems.Add(entry.Id, $"Entry #{entry.Id} ({entry.SubjectType} {entry.SubjectId}, place {entry.ChainSequence}) is older than checkpoint {latest.Sequence} but no checkpoint sealed it (inserted later).");
        }
    }

    private async Task SaveAsync(AuditVerificationRun run, int problemCount, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Set<AuditVerificationRun>().Add(run);
        if (!run.Passed)
        {
            logger.LogError("Audit verification failed with {Count} problems; the first: {First}", problemCount, run.Problems!.Split('\n')[0]);
            db.AuditEntries.Add(AuditEntry.Create(Actor.System, run.FinishedAt, Subject, "verification", null, "audit_verification_failed",
                null, null, note: run.Problems!.Split('\n')[0], details: new { problems = problemCount, run.Entries, run.Checkpoints, run.RunBy }));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The problems found, in the order of the entries they name (checkpoints first): the first is the first broken entry.</summary>
    private sealed class Findings
    {
        private const int Kept = 1000;
        private readonly List<(long Order, string What)> kept = [];

        public int Count { get; private set; }

        public void Add(long order, string what)
        {
            Count++;
            if (kept.Count < Kept)
            {
                kept.Add((order, what));
            }
        }

        public string Text()
        {
            var lines = kept.OrderBy(p => p.Order).Select(p => p.What).ToList();
            var text = string.Join('\n', lines);
            return text.Length <= AuditVerificationRun.MaxProblemsLength ? text : text[..(AuditVerificationRun.MaxProblemsLength - 1)] + "…";
        }
    }
}
