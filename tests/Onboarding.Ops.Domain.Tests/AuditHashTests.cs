using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Onboarding.Ops.Domain.Audit;

namespace Onboarding.Ops.Domain.Tests;

/// <summary>
/// The canonical form an examiner recomputes without our code, and the Merkle tree of the checkpoints (RFC 6962):
/// the hash below was computed with Python's json.dumps(entry, ensure_ascii=False, separators=(",", ":"),
/// sort_keys=True) and hashlib.sha256, as the README tells an examiner to.
/// </summary>
public sealed class AuditHashTests
{
    private static readonly Guid Customer = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static AuditEntry Entry() => AuditEntry.Create(
        Actor.Staff("s-1", "Rui \"R\" Reviewer"), new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_567),
        "customer", Customer.ToString(), Customer, "approved", "pending", "active", ["document_expired"], "line1\nline2\tçé",
        new { a = 1 }, TimeSpan.FromHours(1));

    [Fact]
    public void AnEntrysHash_IsTheSha256OfItsCanonicalJson_AsPythonWritesIt()
    {
        var entry = Entry();

        entry.Chain(1, null);

        Assert.Equal("e242cf08d50d4d7cc10fceedcadde324b3312331437236b1da459d2c3db05e7e", entry.Hash);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), entry.At); // microseconds, as PostgreSQL keeps
    }

    [Fact]
    public void TheHash_CoversEveryField_ThePlace_AndThePreviousHash()
    {
        var chained = Entry();
        chained.Chain(1, null);

        var atTwo = Entry();
        atTwo.Chain(2, null);
        var afterAnother = Entry();
        afterAnother.Chain(1, new string('0', 64));
        var otherNote = AuditEntry.Create(Actor.Staff("s-1", "Rui \"R\" Reviewer"), chained.At, "customer", Customer.ToString(), Customer,
            "approved", "pending", "active", ["document_expired"], "line1", new { a = 1 }, TimeSpan.FromHours(1));
        otherNote.Chain(1, null);

        Assert.Equal(4, new[] { chained.Hash, atTwo.Hash, afterAnother.Hash, otherNote.Hash }.Distinct().Count());
    }

    [Fact]
    public void AnExportLine_ReadAsAnyJson_GivesBackTheHash()
    {
        var entry = Entry();
        entry.Chain(7, new string('a', 64));

        using var line = JsonDocument.Parse(entry.ExportLine());
        using var json = new CanonicalJson();
        json.StartObject();
        foreach (var property in line.RootElement.EnumerateObject().Where(p => p.Name is not ("id" or "hash")).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            json.Key(property.Name).Element(property.Value);
        }

        Assert.Equal(entry.Hash, json.EndObject().Hash());
        Assert.Equal(entry.Hash, line.RootElement.GetProperty("hash").GetString());
    }

    [Fact]
    public void ControlCharacters_AreEscapedAsJcsWritesThem()
    {
        using var json = new CanonicalJson { Copy = new StringBuilder() };
        json.Value("a\u0001\"\\\b\f\n\r\tz").Hash();

        Assert.Equal("\"a\\u0001\\\"\\\\\\b\\f\\n\\r\\tz\"", json.Copy!.ToString());
    }

    /// <summary>RFC 6962's Merkle Tree Hash, by its recursive definition.</summary>
    private static byte[] Reference(IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count == 0)
        {
            return SHA256.HashData([]);
        }
        if (leaves.Count == 1)
        {
            return leaves[0];
        }
        var k = 1;
        while (k * 2 < leaves.Count)
        {
            k *= 2;
        }
        return MerkleTree.Node(Reference(leaves.Take(k).ToList()), Reference(leaves.Skip(k).ToList()));
    }

    private static List<byte[]> Leaves(int n) =>
        Enumerable.Range(0, n).Select(i => MerkleTree.Leaf(Encoding.UTF8.GetBytes($"head {i}"))).ToList();

    [Fact]
    public void TheRoot_IsRfc6962sTreeHash_ForEverySize()
    {
        for (var n = 0; n <= 40; n++)
        {
            Assert.Equal(Reference(Leaves(n)), MerkleTree.Root(Leaves(n)));
        }
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleTree.Root([])));
    }

    [Fact]
    public void EveryLeafsProof_LeadsToTheRoot_AndNoOtherLeafsDoes()
    {
        for (var n = 1; n <= 20; n++)
        {
            var leaves = Leaves(n);
            var root = MerkleTree.Root(leaves);
            for (var i = 0; i < n; i++)
            {
                var proof = MerkleTree.Proof(leaves, i);
                Assert.True(MerkleTree.Verify(leaves[i], i, n, proof, root), $"leaf {i} of {n}");
                Assert.False(MerkleTree.Verify(MerkleTree.Leaf([1, 2, 3]), i, n, proof, root), $"a forged leaf {i} of {n}");
                Assert.False(n > 1 && MerkleTree.Verify(leaves[i], (i + 1) % n, n, proof, root), $"leaf {i} of {n} at another place");
            }
        }
    }

    [Fact]
    public void ACheckpointsHash_CoversItsHeadsRoot_AndThePreviousCheckpoint()
    {
        var at = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var (first, heads) = AuditCheckpoint.Seal(null, at, 10, [("customer", "b", 3, new string('1', 64)), ("customer", "a", 2, new string('2', 64))]);
        var (second, _) = AuditCheckpoint.Seal(first, at.AddMinutes(5), 12, [("customer", "a", 3, new string('3', 64))]);

        Assert.Equal(["a", "b"], heads.Select(h => h.SubjectId));
        Assert.Equal([0, 1], heads.Select(h => h.Position));
        Assert.Equal(first.Root, AuditCheckpoint.ComputeRoot(heads));
        Assert.Equal(first.Hash, first.ComputeHash());
        Assert.Equal((2L, first.Hash), (second.Sequence, second.PreviousHash));
        Assert.NotEqual(first.Root, AuditCheckpoint.ComputeRoot([heads[1], heads[0]]));
    }
}
