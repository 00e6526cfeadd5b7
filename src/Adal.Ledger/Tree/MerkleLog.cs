using System.Diagnostics.CodeAnalysis;

namespace Adal.Ledger;

/// <summary>
/// An append-only RFC 9162 Merkle log over a node store. Appending hashes only the nodes a batch
/// completes (amortised O(1) per leaf); roots and proofs for any past tree size are assembled from
/// stored complete nodes (see <see cref="ProofPlan"/>), never by recomputing subtrees.
/// Appends are serialised; proofs may be served concurrently with them.
/// </summary>
public sealed class MerkleLog
{
    private readonly IMerkleNodeStore _store;
    private readonly Lock _gate = new();
    private MerkleFrontier? _frontier;

    public MerkleLog(IMerkleNodeStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The current tree size: number of leaves appended.</summary>
    public long Size => _store.LeafCount;

    /// <summary>Appends encoded entries (see <see cref="LedgerEntry.Encode"/>) as leaves, in order.</summary>
    public AppendedBatch AppendBatch(IReadOnlyList<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var leafHashes = new byte[entries.Count * MerkleHash.Size];
        for (int i = 0; i < entries.Count; i++)
        {
            MerkleHash.Leaf(entries[i], leafHashes.AsSpan(i * MerkleHash.Size, MerkleHash.Size));
        }
        return AppendLeafHashes(leafHashes);
    }

    /// <summary>Appends already computed leaf hashes (32 bytes each, laid end to end).</summary>
    public AppendedBatch AppendLeafHashes(ReadOnlySpan<byte> leafHashes)
    {
        lock (_gate)
        {
            var frontier = CurrentFrontier();
            var nodes = frontier.Extend(leafHashes);
            _store.Append(nodes);
            // Only after the store accepted the nodes: a failed write leaves the frontier as it was.
            frontier.Advance(nodes);
            return new AppendedBatch(nodes.PreviousLeafCount, nodes.LeafCount, frontier.Root(), nodes);
        }
    }

    /// <summary>MTH(D[Size]), the root a new signed tree head commits to.</summary>
    public byte[] RootHash() => RootHash(Size);

    /// <summary>MTH(D[treeSize]) for the current or any earlier size (0 ≤ treeSize ≤ Size).</summary>
    public byte[] RootHash(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, Size);
        if (treeSize == 0)
        {
            return MerkleHash.EmptyRoot();
        }
        lock (_gate)
        {
            if (_frontier is { } frontier && frontier.Size == treeSize && frontier.Size == _store.LeafCount)
            {
                return frontier.Root();
            }
        }
        return Read(ProofPlan.ForRoot(treeSize))[0];
    }

    /// <summary>
    /// The audit path for leaf <paramref name="leafIndex"/> in the tree of <paramref name="treeSize"/>
    /// leaves; false when the log cannot prove it (index ≥ treeSize, or treeSize beyond the log).
    /// </summary>
    public bool TryGetInclusionProof(long leafIndex, long treeSize, [NotNullWhen(true)] out InclusionProof? proof)
    {
        proof = null;
        if (leafIndex < 0 || leafIndex >= treeSize || treeSize > Size)
        {
            return false;
        }
        proof = new InclusionProof(leafIndex, treeSize, Read(ProofPlan.ForInclusion(leafIndex, treeSize)));
        return true;
    }

    public InclusionProof GetInclusionProof(long leafIndex, long treeSize) =>
        TryGetInclusionProof(leafIndex, treeSize, out var proof)
            ? proof
            : throw new ArgumentOutOfRangeException(nameof(leafIndex), $"Leaf {leafIndex} is not in a tree of {treeSize} leaves of a log of {Size}.");

    /// <summary>
    /// The proof that the tree of <paramref name="firstSize"/> leaves is a prefix of the tree of
    /// <paramref name="secondSize"/>; false unless 0 ≤ firstSize ≤ secondSize ≤ Size. Sizes 0 and
    /// equal sizes get the empty proof.
    /// </summary>
    public bool TryGetConsistencyProof(long firstSize, long secondSize, [NotNullWhen(true)] out ConsistencyProof? proof)
    {
        proof = null;
        if (firstSize < 0 || firstSize > secondSize || secondSize > Size)
        {
            return false;
        }
        var path = firstSize == 0 ? [] : Read(ProofPlan.ForConsistency(firstSize, secondSize));
        proof = new ConsistencyProof(firstSize, secondSize, path);
        return true;
    }

    public ConsistencyProof GetConsistencyProof(long firstSize, long secondSize) =>
        TryGetConsistencyProof(firstSize, secondSize, out var proof)
            ? proof
            : throw new ArgumentOutOfRangeException(nameof(firstSize), $"Sizes {firstSize} → {secondSize} are not both within a log of {Size}.");

    private byte[][] Read(ProofPlan plan) =>
        plan.ReadFrom(_store)
        ?? throw new InvalidOperationException("The node store is missing a node of a complete subtree: the store is damaged.");

    private MerkleFrontier CurrentFrontier()
    {
        // Another writer (or a rolled-back host transaction) may have moved the store; reload then.
        long size = _store.LeafCount;
        if (_frontier is null || _frontier.Size != size)
        {
            _frontier = MerkleFrontier.Load(_store, size)
                ?? throw new InvalidOperationException("The node store is missing a frontier node: the store is damaged.");
        }
        return _frontier;
    }
}
