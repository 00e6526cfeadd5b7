using System.Data.Common;
using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Bench.Load;

/// <summary>
/// Appends seeded history to a university's integrity ledger the way the host does (same drafts, same leaf
/// encoding, same Merkle nodes and commitment openings), but in big batches: the log of a university with a
/// million past requests is millions of entries deep, and an append's cost depends on that depth.
/// </summary>
internal sealed class LedgerSeeder
{
    private readonly AdalDb _db;
    private readonly Guid _tenantId;
    private readonly CapturingStore _store = new();
    private readonly MerkleLog _log;
    private readonly ModelTableWriter<LedgerBundleRow> _bundles;
    private readonly ModelTableWriter<LedgerTileRow> _tiles;
    private readonly List<PreparedEntry> _pending = [];
    // Entries of the log's last, partial bundle: written with the next full bundle, or at the end.
    private readonly List<(StoredEntry Entry, string? Openings)> _partial = [];

    private LedgerSeeder(AdalDb db, DbConnection connection, Guid tenantId)
    {
        _db = db;
        _tenantId = tenantId;
        _log = new MerkleLog(_store);
        _bundles = new ModelTableWriter<LedgerBundleRow>(db, connection);
        _tiles = new ModelTableWriter<LedgerTileRow>(db, connection);
    }

    public long Size => _log.Size;
    public long RowsWritten => _bundles.Written + _tiles.Written;

    /// <summary>Rebuilds the log's frontier from the entries the host has already written (role grants, catalogue versions).</summary>
    public static async Task<LedgerSeeder> OpenAsync(AdalDb db, DbConnection connection, Guid tenantId)
    {
        var seeder = new LedgerSeeder(db, connection, tenantId);
        foreach (var bundle in await db.LedgerBundles.AsNoTracking().Where(b => b.TenantId == tenantId).OrderBy(b => b.Index).ToListAsync())
        {
            var openings = EntryBundles.DecodeOpenings(bundle.Openings);
            var entries = EntryBundles.Decode(bundle.Leaves);
            for (var i = 0; i < entries.Count; i++) seeder._partial.Add((entries[i], i < openings.Count ? openings[i] : null));
        }
        if (seeder._partial.Count > 0) seeder._log.AppendBatch(seeder._partial.Select(p => p.Entry.Leaf).ToList());
        // Read back above: the seeder writes every bundle and tile from now on, the host's first ones too.
        await db.LedgerBundles.Where(b => b.TenantId == tenantId).ExecuteDeleteAsync();
        await db.LedgerTiles.Where(t => t.TenantId == tenantId).ExecuteDeleteAsync();
        return seeder;
    }

    public void Add(LedgerDraft draft) => _pending.Add(PreparedEntry.From(draft));

    /// <summary>Appends the pending entries as one batch and writes full bundles and complete tiles in <paramref name="transaction"/>.</summary>
    public void Flush(DbTransaction transaction)
    {
        if (_pending.Count == 0) return;
        var first = _log.Size;
        _log.AppendLeafHashes(PreparedEntry.LeafHashes(_pending));
        _partial.AddRange(_pending.Select((p, i) => (new StoredEntry(first + i, p.Leaf), p.Openings)));
        var full = _partial.Count / EntryBundles.Size * EntryBundles.Size;
        _bundles.Write(Bundles(_partial.Take(full)), transaction);
        _partial.RemoveRange(0, full);
        _tiles.Write(_store.TakeCompleteTiles(_tenantId), transaction);
        _pending.Clear();
    }

    private List<LedgerBundleRow> Bundles(IEnumerable<(StoredEntry Entry, string? Openings)> entries) =>
        entries.GroupBy(e => e.Entry.Index / EntryBundles.Size).Select(g => new LedgerBundleRow
        {
            TenantId = _tenantId, Index = g.Key,
            Leaves = EntryBundles.Encode(g.Select(e => e.Entry).ToList()),
            Openings = EntryBundles.EncodeOpenings(g.Select(e => e.Openings).ToList()),
        }).ToList();

    /// <summary>The log's last bundle, its edge tiles and its size row, as the host's appender leaves them.</summary>
    public async Task FinishAsync(DbConnection connection)
    {
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            _bundles.Write(Bundles(_partial), transaction);
            _tiles.Write(_store.EdgeTiles(_tenantId), transaction);
            await transaction.CommitAsync();
        }
        await _db.LedgerStates.Where(s => s.TenantId == _tenantId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Size, _log.Size));
    }

    /// <summary>
    /// An in-memory store that also lays each appended batch's nodes into tiles (as the host's store does) and hands
    /// over the tiles that became complete; the edge tiles are written once, at the end.
    /// </summary>
    private sealed class CapturingStore : IMerkleNodeStore
    {
        private readonly InMemoryNodeStore _inner = new();
        private readonly Dictionary<TileAddress, byte[]> _open = [];

        public long LeafCount => _inner.LeafCount;

        public bool TryReadNodes(ReadOnlySpan<NodeAddress> addresses, Span<byte> hashes) => _inner.TryReadNodes(addresses, hashes);

        public void Append(CompletedNodes nodes)
        {
            _inner.Append(nodes);
            NodeTiles.Write(nodes, address => _open.TryGetValue(address, out var tile) ? tile : _open[address] = new byte[NodeTiles.ByteCount]);
        }

        public List<LedgerTileRow> TakeCompleteTiles(Guid tenantId)
        {
            var edges = NodeTiles.EdgeTiles(LeafCount).ToHashSet();
            var complete = _open.Where(t => !edges.Contains(t.Key)).ToList();
            foreach (var (address, _) in complete) _open.Remove(address);
            return complete.Select(t => new LedgerTileRow { TenantId = tenantId, Level = t.Key.Level, Index = t.Key.Index, Hashes = t.Value }).ToList();
        }

        public List<LedgerTileRow> EdgeTiles(Guid tenantId) =>
            NodeTiles.EdgeTiles(LeafCount).Select(a => new LedgerTileRow { TenantId = tenantId, Level = a.Level, Index = a.Index, Hashes = _open[a] }).ToList();
    }
}
