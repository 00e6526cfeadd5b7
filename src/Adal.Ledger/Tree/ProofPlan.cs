namespace Adal.Ledger;

/// <summary>
/// Which stored nodes a root or proof needs, before any of them is read. Every element of an
/// RFC 9162 §2.1.3.1 audit path or §2.1.4.1 consistency proof is MTH of a range [a, b) where a is a
/// multiple of a power of two at least b − a; such a range is one complete node, or (at the right
/// edge of the tree) a few complete nodes — one per set bit of b − a — folded right to left. So a
/// proof costs O(log n) stored nodes (O(log² n) at the very worst) and never a recomputed subtree.
/// A host with an asynchronous database can fetch <see cref="Nodes"/> itself and call
/// <see cref="Assemble"/>.
/// </summary>
public sealed class ProofPlan
{
    private readonly NodeAddress[] _nodes;
    private readonly int[] _elementStarts;

    private ProofPlan(List<NodeAddress> nodes, List<int> elementStarts)
    {
        _nodes = [.. nodes];
        _elementStarts = [.. elementStarts];
    }

    /// <summary>The nodes to read, in the order <see cref="Assemble"/> expects their hashes.</summary>
    public ReadOnlySpan<NodeAddress> Nodes => _nodes;

    /// <summary>Number of hashes the finished proof holds.</summary>
    public int ElementCount => _elementStarts.Length - 1;

    /// <summary>The one-element plan for MTH(D[treeSize]), treeSize ≥ 1.</summary>
    public static ProofPlan ForRoot(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(treeSize, 1);
        var builder = new Builder();
        builder.AddRange(0, treeSize);
        return builder.Build(reverse: false);
    }

    /// <summary>PATH(m, D[n]) of RFC 9162 §2.1.3.1, for 0 ≤ m &lt; n.</summary>
    public static ProofPlan ForInclusion(long leafIndex, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(treeSize, leafIndex);
        var builder = new Builder();
        long a = 0, b = treeSize;
        // Walk from the root down; the RFC's recursion emits the deepest sibling first, hence reverse.
        while (b - a > 1)
        {
            long k = TreeMath.LargestPowerOfTwoBelow(b - a);
            if (leafIndex < a + k)
            {
                builder.AddRange(a + k, b);
                b = a + k;
            }
            else
            {
                builder.AddRange(a, a + k);
                a += k;
            }
        }
        return builder.Build(reverse: true);
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 §2.1.4.1, for 0 &lt; m ≤ n.</summary>
    public static ProofPlan ForConsistency(long firstSize, long secondSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(secondSize, firstSize);
        var builder = new Builder();
        if (firstSize == secondSize)
        {
            return builder.Build(reverse: false);
        }
        long m = firstSize, a = 0, b = secondSize;
        bool startFromOldRoot = true;
        while (true)
        {
            long n = b - a;
            if (m == n)
            {
                // The old root is known to the verifier only while we have not stepped right.
                if (!startFromOldRoot)
                {
                    builder.AddRange(a, b);
                }
                break;
            }
            long k = TreeMath.LargestPowerOfTwoBelow(n);
            if (m <= k)
            {
                builder.AddRange(a + k, b);
                b = a + k;
            }
            else
            {
                builder.AddRange(a, a + k);
                m -= k;
                a += k;
                startFromOldRoot = false;
            }
        }
        return builder.Build(reverse: true);
    }

    /// <summary>
    /// Folds the hashes read for <see cref="Nodes"/> (32 bytes each, same order) into the proof's hashes.
    /// </summary>
    public byte[][] Assemble(ReadOnlySpan<byte> nodeHashes)
    {
        if (nodeHashes.Length < _nodes.Length * MerkleHash.Size)
        {
            throw new ArgumentException("One 32-byte hash is needed per planned node.", nameof(nodeHashes));
        }
        var elements = new byte[ElementCount][];
        for (int e = 0; e < elements.Length; e++)
        {
            int first = _elementStarts[e];
            int last = _elementStarts[e + 1] - 1;
            var hash = nodeHashes.Slice(last * MerkleHash.Size, MerkleHash.Size).ToArray();
            for (int j = last - 1; j >= first; j--)
            {
                MerkleHash.Node(nodeHashes.Slice(j * MerkleHash.Size, MerkleHash.Size), hash, hash);
            }
            elements[e] = hash;
        }
        return elements;
    }

    /// <summary>Reads the planned nodes from <paramref name="store"/> and assembles them; null if one is missing.</summary>
    public byte[][]? ReadFrom(IMerkleNodeStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        const int StackNodes = 128;
        int length = _nodes.Length * MerkleHash.Size;
        Span<byte> hashes = _nodes.Length <= StackNodes ? stackalloc byte[StackNodes * MerkleHash.Size] : new byte[length];
        hashes = hashes[..length];
        return store.TryReadNodes(_nodes, hashes) ? Assemble(hashes) : null;
    }

    private sealed class Builder
    {
        private readonly List<List<NodeAddress>> _elements = [];

        /// <summary>Decomposes [a, b) into complete nodes, largest (leftmost) first.</summary>
        public void AddRange(long a, long b)
        {
            var nodes = new List<NodeAddress>(2);
            long cursor = a;
            for (int level = NodeAddress.MaxLevel; level >= 0; level--)
            {
                if (((b - a) & (1L << level)) != 0)
                {
                    nodes.Add(new NodeAddress(level, cursor >> level));
                    cursor += 1L << level;
                }
            }
            _elements.Add(nodes);
        }

        public ProofPlan Build(bool reverse)
        {
            if (reverse)
            {
                _elements.Reverse();
            }
            var nodes = new List<NodeAddress>();
            var starts = new List<int> { 0 };
            foreach (var element in _elements)
            {
                nodes.AddRange(element);
                starts.Add(nodes.Count);
            }
            return new ProofPlan(nodes, starts);
        }
    }
}
