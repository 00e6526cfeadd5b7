namespace Adal.Ledger;

/// <summary>What the audit found wrong first.</summary>
public enum DivergenceKind
{
    /// <summary>A signed tree head does not verify (bad signature, unknown key, malformed).</summary>
    TreeHeadSignatureInvalid,

    /// <summary>The entries rebuild a different root at a signed head's size: altered, deleted, inserted or reordered entries.</summary>
    TreeHeadRootDiffers,

    /// <summary>A signed head covers more entries than the log holds: entries deleted from the end.</summary>
    TreeHeadBeyondLog,

    /// <summary>An entry hashes differently from the leaf hash stored for its index.</summary>
    EntryDiffersFromStoredLeaf,

    /// <summary>A stored interior node differs from the hash of its recomputed subtree.</summary>
    StoredNodeDiffers,

    /// <summary>The node store lacks a node the entries complete.</summary>
    StoredNodeMissing,

    /// <summary>The node store holds a different number of leaves than there are entries.</summary>
    StoreSizeDiffers,
}
