using Adal.Ledger;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Ledger;

/// <summary>
/// A university's Merkle nodes in the database, kept as tiles (<see cref="NodeTiles"/>), for one unit of work.
/// Reads fetch the tiles a proof or an audit needs in one query per call and keep the latest few hundred;
/// an append writes into the log's edge tiles, which <see cref="LoadEdgeAsync"/> tracked beforehand, so the
/// tiles are saved by the same SaveChanges — the same transaction — as the decision and its leaf.
/// </summary>
internal sealed class DbNodeStore(AdalDb db, Guid tenantId, long size) : IMerkleNodeStore
{
    // An audit walks the log a chunk at a time; a proof needs a few tiles. Beyond this, start the cache afresh.
    private const int CachedTiles = 256;

    private readonly Dictionary<TileAddress, byte[]> _tiles = [];
    private readonly Dictionary<TileAddress, LedgerTileRow> _tracked = [];

    public long LeafCount { get; private set; } = size;

    /// <summary>Before an append: loads and tracks the edge tiles, which hold the frontier and receive the new nodes.</summary>
    public async Task LoadEdgeAsync(CancellationToken ct)
    {
        var edges = NodeTiles.EdgeTiles(LeafCount).ToHashSet();
        if (edges.Count == 0) return;
        // One query on every append: edge tiles sit on different tile levels, so (levels × indexes) is a small superset.
        var levels = edges.Select(t => t.Level).ToArray();
        var indexes = edges.Select(t => t.Index).Distinct().ToArray();
        var rows = await db.LedgerTiles.Where(t => t.TenantId == tenantId && levels.Contains(t.Level) && indexes.Contains(t.Index)).ToListAsync(ct);
        foreach (var row in rows)
        {
            var address = new TileAddress(row.Level, row.Index);
            if (!edges.Contains(address)) continue;
            _tracked[address] = row;
            _tiles[address] = row.Hashes;
        }
    }

    public bool TryReadNodes(ReadOnlySpan<NodeAddress> addresses, Span<byte> hashes)
    {
        if (addresses.Length == 0) return true;
        var located = new (TileAddress Tile, int Offset)[addresses.Length];
        var missing = new HashSet<TileAddress>();
        for (var i = 0; i < addresses.Length; i++)
        {
            if (!addresses[i].IsCompleteIn(LeafCount)) return false;
            located[i] = NodeTiles.Locate(addresses[i]);
            if (!_tiles.ContainsKey(located[i].Tile)) missing.Add(located[i].Tile);
        }
        if (missing.Count > 0) Fetch(missing);
        for (var i = 0; i < located.Length; i++)
        {
            if (!_tiles.TryGetValue(located[i].Tile, out var tile) || tile.Length != NodeTiles.ByteCount) return false;
            tile.AsSpan(located[i].Offset, MerkleHash.Size).CopyTo(hashes.Slice(i * MerkleHash.Size, MerkleHash.Size));
        }
        return true;
    }

    public void Append(CompletedNodes nodes)
    {
        if (nodes.PreviousLeafCount != LeafCount)
            throw new InvalidOperationException($"The log has {LeafCount} leaves; a batch built on {nodes.PreviousLeafCount} cannot be appended.");
        NodeTiles.Write(nodes, address =>
        {
            if (_tracked.TryGetValue(address, out var row))
            {
                // Written in place: tell the change tracker rather than rely on how it snapshots arrays.
                if (db.Entry(row).State == EntityState.Unchanged) db.Entry(row).Property(r => r.Hashes).IsModified = true;
                return row.Hashes;
            }
            if (!NodeTiles.IsNew(address, LeafCount))
                throw new InvalidOperationException($"The log's {address} holds nodes but was not loaded before the append: the store is damaged.");
            row = new LedgerTileRow { TenantId = tenantId, Level = address.Level, Index = address.Index, Hashes = new byte[NodeTiles.ByteCount] };
            db.LedgerTiles.Add(row);
            _tracked[address] = row;
            _tiles[address] = row.Hashes;
            return row.Hashes;
        });
        LeafCount = nodes.LeafCount;
    }

    /// <summary>After a failed save: the tiles this append touched must not be saved by a later unit of work.</summary>
    public void Forget()
    {
        foreach (var row in _tracked.Values) db.Entry(row).State = EntityState.Detached;
        _tracked.Clear();
        _tiles.Clear();
    }

    private void Fetch(HashSet<TileAddress> wanted)
    {
        if (_tiles.Count + wanted.Count > CachedTiles)
        {
            foreach (var address in _tiles.Keys.Where(a => !_tracked.ContainsKey(a)).ToList()) _tiles.Remove(address);
        }
        foreach (var tileLevel in wanted.GroupBy(t => t.Level))
        {
            var indexes = tileLevel.Select(t => t.Index).ToArray();
            var rows = db.LedgerTiles.AsNoTracking()
                .Where(t => t.TenantId == tenantId && t.Level == tileLevel.Key && indexes.Contains(t.Index))
                .Select(t => new { t.Index, t.Hashes })
                .ToList();
            foreach (var row in rows) _tiles[new TileAddress(tileLevel.Key, row.Index)] = row.Hashes;
        }
    }
}
