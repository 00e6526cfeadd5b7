using System.Collections.Concurrent;
using System.Data.Common;
using Adal.Ledger;
using Adal.Platform.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Ledger;

/// <summary>
/// Appends a unit of work's pending events to its university's log inside the transaction that saves the
/// unit of work: the log's state row is locked (FOR UPDATE on PostgreSQL; an immediate transaction on SQLite,
/// plus a per-university lock in this process), the entries get consecutive indexes, the completed Merkle
/// nodes are written into the log's edge tiles, and one commit makes the decision and its leaf durable together — or neither.
/// </summary>
public static class LedgerAppender
{
    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> Locks = new();

    public static async Task<int> SaveWithLedgerAsync(AdalDb db, Guid tenantId, IReadOnlyList<PendingEntry> pending,
        Func<CancellationToken, Task<int>> save, CancellationToken ct)
    {
        var gate = Locks.GetOrAdd(tenantId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var ownTransaction = db.Database.CurrentTransaction is null;
            if (ownTransaction) await BeginAsync(db, ct);
            DbNodeStore? store = null;
            try
            {
                var state = await LockStateAsync(db, tenantId, ct);
                store = new DbNodeStore(db, tenantId, state.Size);
                await store.LoadEdgeAsync(ct);
                var log = new MerkleLog(store);
                var prepared = pending.Select((p, i) => p.Prepare(state.Size + i)).ToList();
                var batch = log.AppendLeafHashes(PreparedEntry.LeafHashes(prepared));
                await EntryBundles.AppendAsync(db, tenantId, state.Size, prepared, ct);
                state.Size = batch.TreeSize;
                var written = await save(ct);
                if (ownTransaction) await db.Database.CommitTransactionAsync(ct);
                return written;
            }
            catch
            {
                store?.Forget();
                EntryBundles.Forget(db);
                if (ownTransaction && db.Database.CurrentTransaction is not null) await db.Database.RollbackTransactionAsync(CancellationToken.None);
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>On SQLite, BEGIN IMMEDIATE: take the write lock before reading the log's size, never upgrade a read lock mid-way.</summary>
    private static async Task BeginAsync(AdalDb db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            DbTransaction transaction = connection.BeginTransaction(deferred: false);
            await db.Database.UseTransactionAsync(transaction, ct);
            return;
        }
        await db.Database.BeginTransactionAsync(ct);
    }

    private static async Task<LedgerState> LockStateAsync(AdalDb db, Guid tenantId, CancellationToken ct)
    {
        var state = db.Database.IsNpgsql()
            ? await db.LedgerStates.FromSqlInterpolated($"SELECT * FROM \"LedgerStates\" WHERE \"TenantId\" = {tenantId} FOR UPDATE").SingleOrDefaultAsync(ct)
            : await db.LedgerStates.SingleOrDefaultAsync(s => s.TenantId == tenantId, ct);
        if (state is not null) return state;
        state = new LedgerState { TenantId = tenantId, Size = 0 };
        db.LedgerStates.Add(state);
        return state;
    }
}
