using System.Collections.Concurrent;
using System.Data.Common;
using Adal.Ledger;
using Adal.Platform.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Ledger;

/// <summary>
/// Appends a unit of work's pending events to its university's log in the transaction that saves the unit of work:
/// the log's state row is locked (FOR UPDATE on PostgreSQL; an immediate transaction on SQLite, plus a per-university
/// lock in this process), the entries get consecutive indexes, the completed Merkle nodes are written into the log's
/// edge tiles, and one commit makes the decision and its leaf durable together — or neither. Without a transaction of
/// the caller's, the unit of work commits in a <see cref="GroupCommit"/> with the others waiting.
/// </summary>
public static class LedgerAppender
{
    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> Locks = new();

    public static Task<int> SaveWithLedgerAsync(AdalDb db, Guid tenantId, IReadOnlyList<PendingEntry> pending, bool acceptAllChangesOnSuccess, CancellationToken ct) =>
        db.Database.CurrentTransaction is not null
            ? SaveInCallersTransactionAsync(db, tenantId, pending, acceptAllChangesOnSuccess, ct)
            : GroupCommit.SaveAsync(tenantId, new UnitOfWork(db, pending, acceptAllChangesOnSuccess));

    /// <summary>A caller that opened its own transaction (start-up repair, a test) appends alone, inside it; the caller commits.</summary>
    private static async Task<int> SaveInCallersTransactionAsync(AdalDb db, Guid tenantId, IReadOnlyList<PendingEntry> pending, bool accept, CancellationToken ct)
    {
        var gate = Gate(tenantId);
        await gate.WaitAsync(ct);
        DbNodeStore? store = null;
        try
        {
            var state = await LockStateAsync(db, tenantId, ct);
            store = await EdgeAsync(db, state, ct);
            await AppendAsync(db, state, store, pending.Select((p, i) => p.Prepare(state.Size + i)).ToList(), ct);
            return await db.SaveRowsAsync(accept, ct);
        }
        catch
        {
            store?.Forget();
            EntryBundles.Forget(db);
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The per-university lock in this process: one append at a time, whoever appends.</summary>
    internal static SemaphoreSlim Gate(Guid tenantId) => Locks.GetOrAdd(tenantId, _ => new SemaphoreSlim(1, 1));

    /// <summary>The log's edge tiles, tracked by <paramref name="db"/>: they hold the frontier and receive the new nodes.</summary>
    internal static async Task<DbNodeStore> EdgeAsync(AdalDb db, LedgerState state, CancellationToken ct)
    {
        var store = new DbNodeStore(db, state.TenantId, state.Size);
        await store.LoadEdgeAsync(ct);
        return store;
    }

    /// <summary>Adds prepared entries at the end of the log: leaves into the tree's tiles, records into bundles, the new size.</summary>
    internal static async Task AppendAsync(AdalDb db, LedgerState state, DbNodeStore store, IReadOnlyList<PreparedEntry> prepared, CancellationToken ct)
    {
        var appended = new MerkleLog(store).AppendLeafHashes(PreparedEntry.LeafHashes(prepared));
        await EntryBundles.AppendAsync(db, state.TenantId, state.Size, prepared, ct);
        state.Size = appended.TreeSize;
    }

    /// <summary>On SQLite, BEGIN IMMEDIATE: take the write lock before reading the log's size, never upgrade a read lock mid-way.</summary>
    internal static async Task BeginAsync(AdalDb db, CancellationToken ct)
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

    internal static async Task<LedgerState> LockStateAsync(AdalDb db, Guid tenantId, CancellationToken ct)
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
