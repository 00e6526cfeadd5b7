namespace Adal.Ledger;

/// <summary>
/// The nodes one appended batch completed, level by level. Growing a log from size s to size e
/// completes, at each level l, exactly the nodes with index in [s >> l, e >> l): about two nodes
/// per leaf in total, which is why appending costs amortised O(1) hashes per leaf.
/// </summary>
public sealed class CompletedNodes
{
    private readonly byte[] _hashes;
    private readonly int[] _levelStarts;

    internal CompletedNodes(long previousLeafCount, long leafCount, byte[] hashes, int[] levelStarts)
    {
        PreviousLeafCount = previousLeafCount;
        LeafCount = leafCount;
        _hashes = hashes;
        _levelStarts = levelStarts;
    }

    /// <summary>Tree size before the batch.</summary>
    public long PreviousLeafCount { get; }

    /// <summary>Tree size after the batch.</summary>
    public long LeafCount { get; }

    /// <summary>Levels that gained nodes; level 0 (the leaves) first.</summary>
    public int LevelCount => _levelStarts.Length - 1;

    /// <summary>Total number of new nodes, leaves included.</summary>
    public int TotalCount => _levelStarts[^1];

    /// <summary>Index of the first new node at <paramref name="level"/>.</summary>
    public long FirstIndex(int level) => PreviousLeafCount >> level;

    /// <summary>How many nodes <paramref name="level"/> gained.</summary>
    public int Count(int level) => _levelStarts[level + 1] - _levelStarts[level];

    /// <summary>The new hashes of <paramref name="level"/>, 32 bytes each, by ascending index.</summary>
    public ReadOnlySpan<byte> Hashes(int level) =>
        _hashes.AsSpan(_levelStarts[level] * MerkleHash.Size, Count(level) * MerkleHash.Size);

    /// <summary>The batch's leaf hashes (level 0).</summary>
    public ReadOnlySpan<byte> LeafHashes => LevelCount == 0 ? default : Hashes(0);

    /// <summary>Every new node with its hash, for stores that insert row by row.</summary>
    public IEnumerable<(NodeAddress Address, byte[] Hash)> Enumerate()
    {
        for (int level = 0; level < LevelCount; level++)
        {
            long first = FirstIndex(level);
            int count = Count(level);
            int start = _levelStarts[level];
            for (int i = 0; i < count; i++)
            {
                var hash = _hashes.AsSpan((start + i) * MerkleHash.Size, MerkleHash.Size).ToArray();
                yield return (new NodeAddress(level, first + i), hash);
            }
        }
    }
}
