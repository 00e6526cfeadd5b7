using Adal.Ledger;
using Adal.Platform.Persistence;

namespace Adal.Features.Ledger;

/// <summary>
/// A university's Merkle nodes in the database, for one unit of work: reads go to the open transaction,
/// appended nodes join the change tracker and are written by the same SaveChanges as the decision.
/// </summary>
internal sealed class DbNodeStore(AdalDb db, Guid tenantId, long size) : IMerkleNodeStore
{
    public long LeafCount { get; private set; } = size;

    public bool TryReadNodes(ReadOnlySpan<NodeAddress> addresses, Span<byte> hashes)
    {
        if (addresses.Length == 0) return true;
        var wanted = addresses.ToArray();
        var levels = wanted.Select(a => a.Level).Distinct().ToArray();
        var indexes = wanted.Select(a => a.Index).Distinct().ToArray();
        // One query: a superset (levels × indexes, a few hundred rows at most), then the exact nodes.
        var rows = db.LedgerNodes
            .Where(n => n.TenantId == tenantId && levels.Contains(n.Level) && indexes.Contains(n.Index))
            .Select(n => new { n.Level, n.Index, n.Hash })
            .ToList()
            .ToDictionary(n => (n.Level, n.Index), n => n.Hash);
        for (var i = 0; i < wanted.Length; i++)
        {
            if (!rows.TryGetValue((wanted[i].Level, wanted[i].Index), out var hash) || hash.Length != MerkleHash.Size) return false;
            hash.CopyTo(hashes.Slice(i * MerkleHash.Size, MerkleHash.Size));
        }
        return true;
    }

    public void Append(CompletedNodes nodes)
    {
        if (nodes.PreviousLeafCount != LeafCount)
            throw new InvalidOperationException($"The log has {LeafCount} leaves; a batch built on {nodes.PreviousLeafCount} cannot be appended.");
        // About two nodes per leaf: written as bulk rows in the same transaction, not tracked one by one.
        BulkRows.Add(db, nodes.Enumerate().Select(n => new LedgerNodeRow { TenantId = tenantId, Level = n.Address.Level, Index = n.Address.Index, Hash = n.Hash }).ToList());
        LeafCount = nodes.LeafCount;
    }
}
