using System.Security.Cryptography;

namespace Onboarding.Ops.Domain.Audit;

/// <summary>
/// The Merkle tree of RFC 6962 / RFC 9162 (Certificate Transparency) over a checkpoint's chain heads: a leaf is
/// SHA-256(0x00 ‖ data), a node SHA-256(0x01 ‖ left ‖ right), the tree split at the largest power of two below its size.
/// A checkpoint keeps only the root, so one customer's export proves its chains' heads were sealed with an inclusion
/// proof of a few hashes, not the whole checkpoint (a million heads on a large trail).
/// </summary>
public static class MerkleTree
{
    public static byte[] Leaf(byte[] data)
    {
        var buffer = new byte[data.Length + 1];
        data.CopyTo(buffer, 1);
        return SHA256.HashData(buffer);
    }

    public static byte[] Node(byte[] left, byte[] right)
    {
        var buffer = new byte[65];
        buffer[0] = 1;
        left.CopyTo(buffer, 1);
        right.CopyTo(buffer, 33);
        return SHA256.HashData(buffer);
    }

    /// <summary>The root over these leaf hashes.</summary>
    public static byte[] Root(IEnumerable<byte[]> leaves)
    {
        var builder = new RootBuilder();
        foreach (var leaf in leaves)
        {
            builder.Add(leaf);
        }
        return builder.Root();
    }

    /// <summary>The root over leaf hashes given one at a time, keeping only one hash per level (a million leaves, 20 hashes).</summary>
    public sealed class RootBuilder
    {
        private readonly List<(int Height, byte[] Hash)> stack = [];

        public long Count { get; private set; }

        public void Add(byte[] leaf)
        {
            Count++;
            var (height, hash) = (0, leaf);
            while (stack.Count > 0 && stack[^1].Height == height)
            {
                hash = Node(stack[^1].Hash, hash);
                stack.RemoveAt(stack.Count - 1);
                height++;
            }
            stack.Add((height, hash));
        }

        public byte[] Root()
        {
            if (stack.Count == 0)
            {
                return SHA256.HashData([]);
            }
            // What is left are perfect subtrees, largest first; the smaller ones on the right join first.
            var root = stack[^1].Hash;
            for (var i = stack.Count - 2; i >= 0; i--)
            {
                root = Node(stack[i].Hash, root);
            }
            return root;
        }
    }

    /// <summary>The inclusion proof (audit path) of leaf <paramref name="index"/>: the sibling hashes from the leaf up.</summary>
    public static List<byte[]> Proof(IReadOnlyList<byte[]> leaves, int index)
    {
        var path = new List<byte[]>();
        Proof(leaves, 0, leaves.Count, index, path);
        return path;
    }

    private static void Proof(IReadOnlyList<byte[]> leaves, int start, int count, int index, List<byte[]> path)
    {
        if (count <= 1)
        {
            return;
        }
        var split = LargestPowerOfTwoBelow(count);
        if (index < split)
        {
            Proof(leaves, start, split, index, path);
            path.Add(Root(Range(leaves, start + split, count - split)));
        }
        else
        {
            Proof(leaves, start + split, count - split, index - split, path);
            path.Add(Root(Range(leaves, start, split)));
        }
    }

    /// <summary>RFC 9162 § 2.1.3.2: does this proof lead from the leaf at <paramref name="index"/> of a tree of <paramref name="size"/> to the root?</summary>
    public static bool Verify(byte[] leaf, long index, long size, IReadOnlyList<byte[]> proof, byte[] root)
    {
        if (index >= size || index < 0)
        {
            return false;
        }
        var (fn, sn, hash) = (index, size - 1, leaf);
        foreach (var sibling in proof)
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                hash = Node(sibling, hash);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                hash = Node(hash, sibling);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && hash.AsSpan().SequenceEqual(root);
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }
        return k;
    }

    private static IEnumerable<byte[]> Range(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            yield return leaves[i];
        }
    }
}
