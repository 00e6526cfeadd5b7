namespace Adal.Ledger;

/// <summary>
/// The right edge of a log: for each set bit l of the tree size n, the complete node
/// (l, (n >> l) − 1). These at most 63 nodes are all that appending needs from the past, and folding
/// them right to left gives MTH(D[n]) (RFC 9162 §2.1.1), so both the log and the streaming audit
/// work from a frontier instead of from the whole tree.
/// </summary>
internal sealed class MerkleFrontier
{
    private readonly byte[] _slots = new byte[(NodeAddress.MaxLevel + 1) * MerkleHash.Size];

    public long Size { get; private set; }

    /// <summary>Reads the frontier of a stored tree of <paramref name="size"/> leaves in one batch.</summary>
    public static MerkleFrontier? Load(IMerkleNodeStore store, long size)
    {
        var frontier = new MerkleFrontier { Size = size };
        var levels = new List<int>();
        for (int level = 0; level <= NodeAddress.MaxLevel; level++)
        {
            if ((size & (1L << level)) != 0)
            {
                levels.Add(level);
            }
        }
        var addresses = new NodeAddress[levels.Count];
        for (int i = 0; i < levels.Count; i++)
        {
            addresses[i] = new NodeAddress(levels[i], (size >> levels[i]) - 1);
        }
        var hashes = new byte[addresses.Length * MerkleHash.Size];
        if (!store.TryReadNodes(addresses, hashes))
        {
            return null;
        }
        for (int i = 0; i < levels.Count; i++)
        {
            hashes.AsSpan(i * MerkleHash.Size, MerkleHash.Size).CopyTo(frontier.Slot(levels[i]));
        }
        return frontier;
    }

    /// <summary>
    /// Hashes the nodes that appending <paramref name="leafHashes"/> completes, without changing the
    /// frontier: the caller persists them first and only then calls <see cref="Advance"/>.
    /// </summary>
    public CompletedNodes Extend(ReadOnlySpan<byte> leafHashes)
    {
        if (leafHashes.Length % MerkleHash.Size != 0)
        {
            throw new ArgumentException("Leaf hashes must be a whole number of 32-byte hashes.", nameof(leafHashes));
        }
        long s = Size;
        long e = checked(s + leafHashes.Length / MerkleHash.Size);

        var starts = new List<int> { 0 };
        int total = 0;
        for (int level = 0; level <= NodeAddress.MaxLevel && (e >> level) > (s >> level); level++)
        {
            total += (int)((e >> level) - (s >> level));
            starts.Add(total);
        }
        var hashes = new byte[total * MerkleHash.Size];
        leafHashes.CopyTo(hashes);

        for (int level = 1; level < starts.Count - 1; level++)
        {
            long childFirst = s >> (level - 1);
            var children = hashes.AsSpan(starts[level - 1] * MerkleHash.Size);
            var parents = hashes.AsSpan(starts[level] * MerkleHash.Size);
            long first = s >> level;
            long end = e >> level;
            for (long i = first; i < end; i++)
            {
                // Only the first new parent of a level can have an old left child, and when it does
                // (s >> (level−1) is odd) that child is exactly this level−1 frontier slot.
                long left = 2 * i - childFirst;
                ReadOnlySpan<byte> leftHash = left < 0
                    ? Slot(level - 1)
                    : children.Slice((int)left * MerkleHash.Size, MerkleHash.Size);
                var rightHash = children.Slice((int)(left + 1) * MerkleHash.Size, MerkleHash.Size);
                MerkleHash.Node(leftHash, rightHash, parents.Slice((int)(i - first) * MerkleHash.Size, MerkleHash.Size));
            }
        }
        return new CompletedNodes(s, e, hashes, [.. starts]);
    }

    /// <summary>Moves the frontier past a batch that <see cref="Extend"/> computed.</summary>
    public void Advance(CompletedNodes nodes)
    {
        if (nodes.PreviousLeafCount != Size)
        {
            throw new InvalidOperationException("The batch does not continue this frontier.");
        }
        long e = nodes.LeafCount;
        for (int level = 0; level < nodes.LevelCount; level++)
        {
            // A slot changes only when the level gained its last node; otherwise the old one stands.
            if ((e & (1L << level)) != 0)
            {
                long index = (e >> level) - 1 - nodes.FirstIndex(level);
                if (index >= 0)
                {
                    nodes.Hashes(level).Slice((int)index * MerkleHash.Size, MerkleHash.Size).CopyTo(Slot(level));
                }
            }
        }
        Size = e;
    }

    /// <summary>MTH(D[Size]): the frontier folded from the smallest (rightmost) subtree up.</summary>
    public void WriteRoot(Span<byte> destination)
    {
        if (Size == 0)
        {
            MerkleHash.EmptyRoot().CopyTo(destination);
            return;
        }
        bool started = false;
        for (int level = 0; level <= NodeAddress.MaxLevel; level++)
        {
            if ((Size & (1L << level)) == 0)
            {
                continue;
            }
            if (!started)
            {
                Slot(level).CopyTo(destination);
                started = true;
            }
            else
            {
                MerkleHash.Node(Slot(level), destination, destination);
            }
        }
    }

    public byte[] Root()
    {
        var root = new byte[MerkleHash.Size];
        WriteRoot(root);
        return root;
    }

    private Span<byte> Slot(int level) => _slots.AsSpan(level * MerkleHash.Size, MerkleHash.Size);
}
