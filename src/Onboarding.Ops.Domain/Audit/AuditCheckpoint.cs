namespace Onboarding.Ops.Domain.Audit;

/// <summary>
/// A seal over the audit trail: the heads (last place and hash) of every chain that changed since the checkpoint
/// before, up to entry <see cref="ThroughEntryId"/>, as the root of a Merkle tree (<see cref="MerkleTree"/>), hashed
/// with that checkpoint's hash. Checkpoints form one chain of their own, so the latest checkpoint's hash, kept outside
/// the database, vouches for every entry it covers: rewriting any of them means rewriting every checkpoint since.
/// </summary>
public sealed class AuditCheckpoint
{
    private AuditCheckpoint()
    {
    }

    /// <summary>1, 2, 3… in the order written.</summary>
    public long Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>The last audit entry covered: every entry up to it is sealed by this checkpoint or an earlier one.</summary>
    public long ThroughEntryId { get; private set; }
    /// <summary>How many chain heads (Merkle leaves) it seals.</summary>
    public int ChainCount { get; private set; }
    /// <summary>The Merkle root (lowercase hex) over its heads, in their positions' order.</summary>
    public string Root { get; private set; } = "";
    public string? PreviousHash { get; private set; }
    public string Hash { get; private set; } = "";

    /// <summary>The checkpoint after <paramref name="previous"/>, over these chain heads (put in order of subject, ordinal).</summary>
    public static (AuditCheckpoint Checkpoint, List<AuditCheckpointHead> Heads) Seal(
        AuditCheckpoint? previous, DateTimeOffset at, long throughEntryId, IEnumerable<(string SubjectType, string SubjectId, long Sequence, string Hash)> heads)
    {
        var checkpoint = new AuditCheckpoint
        {
            Sequence = (previous?.Sequence ?? 0) + 1,
            At = new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero),
            ThroughEntryId = throughEntryId,
            PreviousHash = previous?.Hash,
        };
        var sorted = heads
            .OrderBy(h => h.SubjectType, StringComparer.Ordinal).ThenBy(h => h.SubjectId, StringComparer.Ordinal)
            .Select((h, i) => new AuditCheckpointHead(checkpoint.Sequence, i, h.SubjectType, h.SubjectId, h.Sequence, h.Hash))
            .ToList();
        checkpoint.ChainCount = sorted.Count;
        checkpoint.Root = ComputeRoot(sorted);
        checkpoint.Hash = checkpoint.ComputeHash();
        return (checkpoint, sorted);
    }

    /// <summary>
    /// What <see cref="Hash"/> should be (README › Audit trail):
    /// <c>{"at","chains","previous","root","sequence","through"}</c>, canonical JSON, SHA-256.
    /// </summary>
    public string ComputeHash() => HashOf(AuditEntry.FormatTime(At), ChainCount, PreviousHash, Root, Sequence, ThroughEntryId);

    /// <summary>A checkpoint's hash from its fields as written (an export's checker has only those).</summary>
    public static string HashOf(string at, long chains, string? previous, string root, long sequence, long through)
    {
        using var json = new CanonicalJson();
        return json.StartObject()
            .Key("at").Value(at)
            .Key("chains").Value(chains)
            .Key("previous").Value(previous)
            .Key("root").Value(root)
            .Key("sequence").Value(sequence)
            .Key("through").Value(through)
            .EndObject().Hash();
    }

    /// <summary>The Merkle root over these heads, in the order given (their positions).</summary>
    public static string ComputeRoot(IEnumerable<AuditCheckpointHead> heads) =>
        Convert.ToHexStringLower(MerkleTree.Root(heads.Select(h => h.Leaf())));
}

/// <summary>One chain's head as a checkpoint sealed it: the entry at <see cref="ChainSequence"/> had <see cref="EntryHash"/>.</summary>
public sealed record AuditCheckpointHead(
    long CheckpointSequence, int Position, string SubjectType, string SubjectId, long ChainSequence, string EntryHash)
{
    /// <summary>Its Merkle leaf hash: SHA-256 of 0x00 and the canonical JSON <c>[subjectType, subjectId, sequence, entryHash]</c>.</summary>
    public byte[] Leaf()
    {
        using var json = new CanonicalJson(0);
        return json.StartArray().Value(SubjectType).Value(SubjectId).Value(ChainSequence).Value(EntryHash).EndArray().HashBytes();
    }
}
