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
    private readonly ModelTableWriter<LedgerEntryRow> _entries;
    private readonly ModelTableWriter<LedgerOpeningRow> _openings;
    private readonly ModelTableWriter<LedgerNodeRow> _nodes;
    private readonly List<(LedgerDraft Draft, DateTime At)> _pending = [];

    private LedgerSeeder(AdalDb db, DbConnection connection, Guid tenantId)
    {
        _db = db;
        _tenantId = tenantId;
        _log = new MerkleLog(_store);
        _entries = new ModelTableWriter<LedgerEntryRow>(db, connection);
        _openings = new ModelTableWriter<LedgerOpeningRow>(db, connection);
        _nodes = new ModelTableWriter<LedgerNodeRow>(db, connection);
    }

    public long Size => _log.Size;
    public long RowsWritten => _entries.Written + _openings.Written + _nodes.Written;

    /// <summary>Rebuilds the log's frontier from the entries the host has already written (role grants, catalogue versions).</summary>
    public static async Task<LedgerSeeder> OpenAsync(AdalDb db, DbConnection connection, Guid tenantId)
    {
        var seeder = new LedgerSeeder(db, connection, tenantId);
        var leaves = await db.LedgerEntries.AsNoTracking().Where(e => e.TenantId == tenantId).OrderBy(e => e.Index).Select(e => e.Leaf).ToListAsync();
        if (leaves.Count > 0) seeder._log.AppendBatch(leaves); // recomputes nodes the host already stored; they are not written again
        seeder._store.Capture = true;
        return seeder;
    }

    public void Add(LedgerDraft draft, DateTime at) => _pending.Add((draft, at));

    /// <summary>Appends the pending entries as one batch and writes entries, openings and completed nodes in <paramref name="transaction"/>.</summary>
    public void Flush(DbTransaction transaction)
    {
        if (_pending.Count == 0) return;
        var first = _log.Size;
        var leaves = _pending.Select(p => p.Draft.ToEntry().Encode()).ToList();
        _log.AppendBatch(leaves);
        var entries = new List<LedgerEntryRow>(_pending.Count);
        var openings = new List<LedgerOpeningRow>(_pending.Count * 3);
        for (var i = 0; i < _pending.Count; i++)
        {
            var (draft, at) = _pending[i];
            entries.Add(new LedgerEntryRow { TenantId = _tenantId, Index = first + i, EventType = draft.EventType, Leaf = leaves[i], RecordedAt = at });
            foreach (var (field, opening) in draft.Openings)
                openings.Add(new LedgerOpeningRow { TenantId = _tenantId, Index = first + i, Field = field, Salt = opening.Salt, Value = opening.Value });
        }
        _entries.Write(entries, transaction);
        _openings.Write(openings, transaction);
        _nodes.Write(_store.TakeCaptured(_tenantId), transaction);
        _pending.Clear();
    }

    /// <summary>The log's size row, as the host's appender leaves it after a commit.</summary>
    public Task FinishAsync() =>
        _db.LedgerStates.Where(s => s.TenantId == _tenantId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Size, _log.Size));

    /// <summary>An in-memory store that also hands each appended batch's completed nodes to the writer.</summary>
    private sealed class CapturingStore : IMerkleNodeStore
    {
        private readonly InMemoryNodeStore _inner = new();
        private readonly List<LedgerNodeRow> _captured = [];

        public bool Capture { get; set; }

        public long LeafCount => _inner.LeafCount;

        public bool TryReadNodes(ReadOnlySpan<NodeAddress> addresses, Span<byte> hashes) => _inner.TryReadNodes(addresses, hashes);

        public void Append(CompletedNodes nodes)
        {
            _inner.Append(nodes);
            if (!Capture) return;
            foreach (var (address, hash) in nodes.Enumerate())
                _captured.Add(new LedgerNodeRow { Level = address.Level, Index = address.Index, Hash = hash });
        }

        public List<LedgerNodeRow> TakeCaptured(Guid tenantId)
        {
            var rows = _captured.ToList();
            foreach (var row in rows) row.TenantId = tenantId;
            _captured.Clear();
            return rows;
        }
    }
}
