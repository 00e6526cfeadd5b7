namespace Adal.Ledger;

/// <summary>
/// What one append did: the leaves [FirstIndex, TreeSize) now exist, the tree's new root, and the
/// node hashes the batch completed (already handed to the store; a host that persists nodes beside
/// its entries can read them here too).
/// </summary>
public sealed record AppendedBatch(long FirstIndex, long TreeSize, byte[] RootHash, CompletedNodes Nodes);
