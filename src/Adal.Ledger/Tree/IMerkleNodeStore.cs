namespace Adal.Ledger;

/// <summary>
/// Where a log keeps its complete subtree hashes, by (level, index). Level 0 holds the leaf hashes.
/// Kept to three members so a database table (level, index, hash) can implement it: one batched
/// read for the handful of nodes a proof needs, one batched write per appended batch.
/// </summary>
/// <remarks>
/// A node is stored only once complete, and is never rewritten: RFC 9162 logs are append-only, so a
/// stored node is valid for every tree size at or beyond its last leaf.
/// </remarks>
public interface IMerkleNodeStore
{
    /// <summary>Number of leaves whose nodes are fully stored: the current tree size.</summary>
    long LeafCount { get; }

    /// <summary>
    /// Reads the hashes of <paramref name="addresses"/> into <paramref name="hashes"/>, 32 bytes each, in
    /// the same order. Returns false if any node is not stored (not complete in <see cref="LeafCount"/>).
    /// </summary>
    bool TryReadNodes(ReadOnlySpan<NodeAddress> addresses, Span<byte> hashes);

    /// <summary>
    /// Persists every node one appended batch completed and moves <see cref="LeafCount"/> to
    /// <see cref="CompletedNodes.LeafCount"/>. Called with <see cref="CompletedNodes.PreviousLeafCount"/>
    /// equal to the current <see cref="LeafCount"/>; an implementation must refuse any other.
    /// </summary>
    void Append(CompletedNodes nodes);
}
