using System.IO.Compression;
using System.Text.Json;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Audit;

namespace Onboarding.Ops.Web.Features.Audit;

/// <summary>
/// Checks an examiner file offline, from its contents alone, as the README tells an examiner to: every file's SHA-256
/// against the manifest; every entry's hash recomputed from its canonical form; each chain whole (places 1, 2, 3…, each
/// entry naming the hash before it); each chain's sealed head proven into its checkpoint's Merkle root; each checkpoint's
/// hash recomputed and the checkpoints chained up to the latest, whose hash the examiner compares with one kept apart.
/// </summary>
public static class ExaminerFileCheck
{
    public sealed record Result(bool Passed, IReadOnlyList<string> Lines);

    public static async Task<Result> CheckAsync(string path)
    {
        if (!File.Exists(path))
        {
            return new Result(false, [$"FAILED: no file {path}."]);
        }
        await using var stream = File.OpenRead(path);
        return Check(stream);
    }

    public static Result Check(Stream zipStream)
    {
        var problems = new List<string>();
        var notes = new List<string>();
        try
        {
            using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read);
            var files = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName, Read);
            if (!files.TryGetValue(ExaminerFile.ManifestName, out var manifestBytes))
            {
                return new Result(false, ["FAILED: the file has no manifest.json."]);
            }
            var manifest = JsonSerializer.Deserialize<ExaminerFile.Manifest>(manifestBytes, ExaminerFile.Json)!;
            CheckFiles(manifest, files, problems);
            var entries = files.TryGetValue(ExaminerFile.EntriesName, out var e) ? CheckEntries(e, problems) : [];
            if (files.TryGetValue(ExaminerFile.ProofsName, out var p))
            {
                CheckProofs(JsonSerializer.Deserialize<ExaminerFile.Proofs>(p, ExaminerFile.Json)!, entries, problems, notes);
            }
            else
            {
                problems.Add($"The file has no {ExaminerFile.ProofsName}.");
            }
            var summary = problems.Count == 0
                ? $"PASSED: {manifest.Files.Count} files match the manifest; {entries.Values.Sum(c => c.Count)} audit entries in {entries.Count} chains recomputed and whole;"
                  + $" sealed up to checkpoint {manifest.CheckpointSequence?.ToString() ?? "none"}"
                  + (manifest.CheckpointHash is { } hash ? $" (hash {hash}: compare it with the checkpoint hash kept outside the database)." : ".")
                : $"FAILED: {problems.Count} problems. The first: {problems[0]}";
            return new Result(problems.Count == 0, [summary, .. notes, .. problems]);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or FormatException or KeyNotFoundException)
        {
            return new Result(false, [$"FAILED: the file cannot be read as an examiner file ({ex.Message})."]);
        }
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void CheckFiles(ExaminerFile.Manifest manifest, Dictionary<string, byte[]> files, List<string> problems)
    {
        foreach (var listed in manifest.Files)
        {
            if (!files.TryGetValue(listed.Path, out var content))
            {
                problems.Add($"{listed.Path} is listed in the manifest but missing.");
            }
            else if (FolderDocumentStore.HashOf(content) != listed.Sha256)
            {
                problems.Add($"{listed.Path} was changed: its SHA-256 is not the manifest's.");
            }
        }
        foreach (var extra in files.Keys.Where(f => f != ExaminerFile.ManifestName && manifest.Files.All(l => l.Path != f)))
        {
            problems.Add($"{extra} is not in the manifest (added).");
        }
    }

    /// <summary>The entries by chain, in order of place, each checked against its hash and the one before it.</summary>
    private static Dictionary<(string, string), List<(long Place, string Hash)>> CheckEntries(byte[] jsonl, List<string> problems)
    {
        var chains = new Dictionary<(string, string), List<(long Place, string Hash)>>();
        var lines = System.Text.Encoding.UTF8.GetString(jsonl).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var (line, number) in lines.Select((l, i) => (l, i + 1)))
        {
            using var parsed = JsonDocument.Parse(line);
            var root = parsed.RootElement;
            var id = root.GetProperty("id").GetInt64();
            var hash = root.GetProperty("hash").GetString()!;
            var type = root.GetProperty("subjectType").GetString()!;
            var subject = root.GetProperty("subjectId").GetString()!;
            var place = root.GetProperty("sequence").GetInt64();
            var previous = root.GetProperty("previous").GetString();
            // The canonical form is the entry without its id and hash.
            using (var json = new CanonicalJson())
            {
                json.StartObject();
                foreach (var property in root.EnumerateObject().Where(p => p.Name is not ("id" or "hash")).OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    json.Key(property.Name).Element(property.Value);
                }
                if (json.EndObject().Hash() != hash)
                {
                    problems.Add($"Entry #{id} (line {number}) was changed: its content does not match its hash.");
                }
            }
            if (!chains.TryGetValue((type, subject), out var chain))
            {
                chains[(type, subject)] = chain = [];
            }
            var (expectedPlace, expectedPrevious) = chain.Count == 0 ? (1L, null) : (chain[^1].Place + 1, chain[^1].Hash);
            if (place != expectedPlace || previous != expectedPrevious)
            {
                problems.Add($"Entry #{id} (line {number}, {type} {subject}, place {place}) does not follow the entry before it in the file (an entry removed, added or moved).");
            }
            chain.Add((place, hash));
        }
        return chains;
    }

    private static void CheckProofs(
        ExaminerFile.Proofs proofs, Dictionary<(string, string), List<(long Place, string Hash)>> entries, List<string> problems, List<string> notes)
    {
        var checkpoints = proofs.Checkpoints.ToDictionary(c => c.Sequence);
        ExaminerFile.CheckpointRecord? before = null;
        foreach (var checkpoint in proofs.Checkpoints)
        {
            var hash = AuditCheckpoint.HashOf(checkpoint.At, checkpoint.Chains, checkpoint.Previous, checkpoint.Root, checkpoint.Sequence, checkpoint.Through);
            if (hash != checkpoint.Hash)
            {
                problems.Add($"Checkpoint {checkpoint.Sequence} was changed: its fields do not match its hash.");
            }
            if (before is not null && (checkpoint.Sequence != before.Sequence + 1 || checkpoint.Previous != before.Hash))
            {
                problems.Add($"Checkpoint {checkpoint.Sequence} does not follow checkpoint {before.Sequence}.");
            }
            before = checkpoint;
        }
        foreach (var chain in proofs.Chains)
        {
            var name = $"{chain.SubjectType} {chain.SubjectId}";
            if (!entries.TryGetValue((chain.SubjectType, chain.SubjectId), out var own) || own.Count != chain.Entries)
            {
                problems.Add($"The chain of {name} should have {chain.Entries} entries in the file; it has {own?.Count ?? 0}.");
                continue;
            }
            if (chain.SealedPlace is not { } place)
            {
                notes.Add($"Note: the {chain.Entries} entries of {name} were written after the latest checkpoint: chained, not yet sealed.");
                continue;
            }
            var head = own.FirstOrDefault(e => e.Place == place);
            if (head == default || !checkpoints.TryGetValue(chain.Checkpoint!.Value, out var checkpoint))
            {
                problems.Add($"The sealed head of {name} (place {place}) or its checkpoint {chain.Checkpoint} is not in the file.");
                continue;
            }
            var leaf = new AuditCheckpointHead(checkpoint.Sequence, chain.LeafIndex!.Value, chain.SubjectType, chain.SubjectId, place, head.Hash).Leaf();
            if (chain.TreeSize != checkpoint.Chains
                || !MerkleTree.Verify(leaf, chain.LeafIndex.Value, checkpoint.Chains, chain.Proof.Select(Convert.FromHexString).ToList(), Convert.FromHexString(checkpoint.Root)))
            {
                problems.Add($"Place {place} of {name} is not the entry checkpoint {checkpoint.Sequence} sealed: its inclusion proof fails.");
            }
            if (chain.Entries > place)
            {
                notes.Add($"Note: {chain.Entries - place} entries of {name} after place {place} were written after the latest checkpoint that sealed it: chained, not yet sealed.");
            }
        }
    }
}
