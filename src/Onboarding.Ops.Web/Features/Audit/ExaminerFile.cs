using System.IO.Compression;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Audit;

/// <summary>
/// A customer's decision file for an examiner, as one ZIP (<c>/customers/{id}/examiner-file</c>, Admins and
/// Reviewers, audited): <c>decision-file.html</c> (readable, prints well), <c>documents/</c> (the files as received),
/// <c>audit/entries.jsonl</c> (every entry of the customer's chains, each its canonical form with its id and hash),
/// <c>audit/proofs.json</c> (for each chain, the checkpoint that sealed its last sealed entry with a Merkle inclusion
/// proof, and the checkpoints from there to the latest), and <c>manifest.json</c> with the SHA-256 of every file.
/// <c>audit verify-export FILE.zip</c> (<see cref="ExaminerFileCheck"/>) checks one offline.
/// </summary>
public sealed class ExaminerFile(
    IDbContextFactory<OpsDbContext> contexts, IDocumentStore store, AuditJobs jobs, TimeProvider clock, IServiceProvider services,
    ILoggerFactory loggers)
{
    public const string ManifestName = "manifest.json";
    public const string EntriesName = "audit/entries.jsonl";
    public const string ProofsName = "audit/proofs.json";
    public const string DecisionFileName = "decision-file.html";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string UrlOf(Guid customerId) => $"/customers/{customerId}/examiner-file";

    /// <summary>The ZIP for this customer, and its audit entry (with the manifest's SHA-256); null when there is no such customer.</summary>
    public async Task<(string FileName, byte[] Zip)?> BuildAsync(Guid customerId, Domain.Actor actor, CancellationToken cancellationToken = default)
    {
        // Seal what was written up to now, so the file proves as much as it can.
        await jobs.CheckpointAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }
        var requests = await db.AccessRequests.AsNoTracking().Where(r => r.CustomerId == customerId).OrderBy(r => r.RequestedAt).ToListAsync(cancellationToken);
        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == customer.PartnerId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            ?? customer.PartnerId;
        // Whole chains: every subject the customer's entries belong to, each from its first place.
        var chains = await db.AuditEntries.AsNoTracking().Where(e => e.CustomerId == customerId && e.ChainSequence != null)
            .Select(e => new { e.SubjectType, e.SubjectId }).Distinct().ToListAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        foreach (var chain in chains.OrderBy(c => c.SubjectType, StringComparer.Ordinal).ThenBy(c => c.SubjectId, StringComparer.Ordinal))
        {
            entries.AddRange(await db.AuditEntries.AsNoTracking().Where(e => e.SubjectType == chain.SubjectType && e.SubjectId == chain.SubjectId)
                .OrderBy(e => e.ChainSequence).ToListAsync(cancellationToken));
        }
        // Each chain's length from the entries in the file, so the proof and the file cannot disagree.
        var proofs = await ProofsAsync(db, entries.CountBy(e => (e.SubjectType, e.SubjectId)).ToList(), cancellationToken);

        var files = new Dictionary<string, byte[]>
        {
            [EntriesName] = Encoding.UTF8.GetBytes(string.Concat(entries.Select(e => e.ExportLine() + "\n"))),
            [ProofsName] = JsonSerializer.SerializeToUtf8Bytes(proofs, Json),
        };
        var documents = new List<(Document Document, string? Front, string? Back)>();
        foreach (var document in customer.Documents)
        {
            documents.Add((document, await AddFileAsync(files, document, document.File, "front", cancellationToken),
                await AddFileAsync(files, document, document.Back, "back", cancellationToken)));
        }
        files[DecisionFileName] = Encoding.UTF8.GetBytes(await RenderAsync(new Dictionary<string, object?>
        {
            [nameof(DecisionFile.Customer)] = customer,
            [nameof(DecisionFile.Partner)] = partner,
            [nameof(DecisionFile.Requests)] = requests,
            [nameof(DecisionFile.Entries)] = entries.Where(e => e.CustomerId == customerId).OrderBy(e => e.At).ThenBy(e => e.Id).ToList(),
            [nameof(DecisionFile.Documents)] = documents,
            [nameof(DecisionFile.ExportedAt)] = now,
            [nameof(DecisionFile.ExportedBy)] = actor.Name,
            [nameof(DecisionFile.Proofs)] = proofs,
        }));
        var manifest = new Manifest(customerId, now, actor.Name, proofs.Checkpoints.LastOrDefault()?.Sequence, proofs.Checkpoints.LastOrDefault()?.Hash,
            entries.Count, proofs.Chains.Sum(c => c.Entries - (c.SealedPlace ?? 0)),
            files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new ManifestFile(f.Key, FolderDocumentStore.HashOf(f.Value), f.Value.LongLength)).ToList());
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, Json);
        files[ManifestName] = manifestBytes;

        db.AuditEntries.Add(AuditEntry.Create(actor, now, Customer.SubjectType, customerId.ToString(), customerId, "examiner_file_exported", null, null,
            details: new { manifestSha256 = FolderDocumentStore.HashOf(manifestBytes), entries = entries.Count, documents = documents.Count, checkpoint = manifest.CheckpointSequence }));
        await db.SaveChangesAsync(cancellationToken);
        return ($"decision-file-{customerId}-{now:yyyyMMdd-HHmm}.zip", Zip(files));
    }

    /// <summary>For each chain, the latest checkpoint that sealed it, with the inclusion proof of its head; the checkpoints from the first used to the latest.</summary>
    private static async Task<Proofs> ProofsAsync(
        OpsDbContext db, List<KeyValuePair<(string Type, string Id), int>> chains, CancellationToken cancellationToken)
    {
        var chainProofs = new List<ChainProof>();
        var leavesOf = new Dictionary<long, List<byte[]>>();
        foreach (var ((type, id), entries) in chains.OrderBy(c => c.Key.Type, StringComparer.Ordinal).ThenBy(c => c.Key.Id, StringComparer.Ordinal))
        {
            var head = await db.AuditCheckpointHeads.AsNoTracking().Where(h => h.SubjectType == type && h.SubjectId == id)
                .OrderByDescending(h => h.ChainSequence).FirstOrDefaultAsync(cancellationToken);
            if (head is null)
            {
                chainProofs.Add(new ChainProof(type, id, entries, null, null, null, null, []));
                continue;
            }
            if (!leavesOf.TryGetValue(head.CheckpointSequence, out var leaves))
            {
                leaves = [];
                await foreach (var sealedHead in db.AuditCheckpointHeads.AsNoTracking().Where(h => h.CheckpointSequence == head.CheckpointSequence)
                    .OrderBy(h => h.Position).AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    leaves.Add(sealedHead.Leaf());
                }
                leavesOf[head.CheckpointSequence] = leaves;
            }
            chainProofs.Add(new ChainProof(type, id, entries, head.ChainSequence, head.CheckpointSequence, head.Position, leaves.Count,
                MerkleTree.Proof(leaves, head.Position).Select(Convert.ToHexStringLower).ToList()));
        }
        var first = chainProofs.Min(c => c.Checkpoint);
        var checkpoints = first is null ? [] : await db.AuditCheckpoints.AsNoTracking().Where(c => c.Sequence >= first)
            .OrderBy(c => c.Sequence).ToListAsync(cancellationToken);
        return new Proofs(checkpoints.Select(CheckpointRecord.Of).ToList(), chainProofs);
    }

    private async Task<string?> AddFileAsync(
        Dictionary<string, byte[]> files, Document document, DocumentFile? file, string side, CancellationToken cancellationToken)
    {
        if (file is null || await store.ReadAsync(file.Hash, cancellationToken) is not { } content)
        {
            return null;
        }
        var extension = file.MediaType switch { "application/pdf" => "pdf", "image/png" => "png", "image/jpeg" => "jpg", _ => "bin" };
        var name = $"documents/{Wire.Of(document.Type)}-{document.Id}-{side}.{extension}";
        files[name] = content;
        return name;
    }

    private async Task<string> RenderAsync(Dictionary<string, object?> parameters)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<DecisionFile>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    private static byte[] Zip(Dictionary<string, byte[]> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files.OrderBy(f => f.Key == ManifestName ? 0 : 1).ThenBy(f => f.Key, StringComparer.Ordinal))
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    public sealed record Manifest(
        Guid CustomerId, DateTimeOffset ExportedAt, string ExportedBy, long? CheckpointSequence, string? CheckpointHash, int Entries,
        long UnsealedEntries, IReadOnlyList<ManifestFile> Files);

    public sealed record ManifestFile(string Path, string Sha256, long Bytes);

    public sealed record Proofs(IReadOnlyList<CheckpointRecord> Checkpoints, IReadOnlyList<ChainProof> Chains);

    /// <summary>A checkpoint as its hash covers it (the canonical form's fields).</summary>
    public sealed record CheckpointRecord(long Sequence, string At, long Through, int Chains, string Root, string? Previous, string Hash)
    {
        public static CheckpointRecord Of(AuditCheckpoint c) =>
            new(c.Sequence, AuditEntry.FormatTime(c.At), c.ThroughEntryId, c.ChainCount, c.Root, c.PreviousHash, c.Hash);
    }

    /// <summary>A chain in the file: how many entries, and the checkpoint that sealed its place <see cref="SealedPlace"/> with the Merkle proof.</summary>
    public sealed record ChainProof(
        string SubjectType, string SubjectId, int Entries, long? SealedPlace, long? Checkpoint, int? LeafIndex, int? TreeSize, IReadOnlyList<string> Proof);
}

public static class ExaminerFileEndpoint
{
    public static void MapExaminerFile(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/customers/{customerId:guid}/examiner-file", ServeAsync).RequireAuthorization(Policies.Review);

    private static async Task<IResult> ServeAsync(Guid customerId, ClaimsPrincipal staff, ExaminerFile file)
    {
        var built = await file.BuildAsync(customerId, staff.ToActor());
        return built is null ? Results.NotFound() : Results.File(built.Value.Zip, "application/zip", built.Value.FileName);
    }
}
