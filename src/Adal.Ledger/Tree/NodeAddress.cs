namespace Adal.Ledger;

/// <summary>
/// A complete subtree: node (level, index) is the hash of leaves [index·2^level, (index+1)·2^level).
/// Such a node never changes once its last leaf is appended, which is what lets the store keep it
/// and lets a proof for any past tree size be assembled from stored nodes alone.
/// </summary>
public readonly record struct NodeAddress(int Level, long Index)
{
    /// <summary>The deepest level a log of at most 2^63 − 1 leaves can complete.</summary>
    public const int MaxLevel = 62;

    /// <summary>Index of the first leaf under this node.</summary>
    public long FirstLeaf => Index << Level;

    /// <summary>Number of leaves under this node.</summary>
    public long LeafSpan => 1L << Level;

    /// <summary>True when a log of <paramref name="leafCount"/> leaves has completed this node.</summary>
    public bool IsCompleteIn(long leafCount) =>
        Level is >= 0 and <= MaxLevel && Index >= 0 && Index < (leafCount >> Level);

    public override string ToString() => $"node (level {Level}, index {Index})";
}
