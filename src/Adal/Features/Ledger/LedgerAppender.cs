using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.Metrics;
using Adal.Ledger;
using Adal.Platform.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Adal.Features.Ledger;

/// <summary>
/// Appends a unit of work's pending events to its university's log in the transaction that saves the unit of work:
/// the log's state row is locked (FOR UPDATE on PostgreSQL; an immediate transaction on SQLite, plus a per-university
/// lock in this process), the entries get consecutive indexes, the completed Merkle nodes are written into the log's
/// edge tiles, and one commit makes the decision and its leaf durable together — or neither.
/// <para>
/// Units of work that arrive while a commit is under way wait and go together in the next one (group commit, as
/// databases do with their journal): one transaction, one durable flush, one log append for all of them. Each unit is
/// saved inside its own savepoint, so a unit that fails (a concurrent decision on the same case) is rolled back alone and
/// gets its own error, while the others commit. An answer is given only after the commit that holds the unit's rows
/// and its entries.
/// </para>
/// </summary>
public static class LedgerAppender
{
    /// <summary>Watch with <c>dotnet-counters monitor -n adal --counters Adal.Ledger</c>: how many units each commit carries.</summary>
    public static readonly Meter Meter = new("Adal.Ledger");
    private static readonly Histogram<int> BatchSizes = Meter.CreateHistogram<int>("adal.ledger.units_per_commit", "{unit}", "Units of work saved by one group commit");
    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> Locks = new();
    private static readonly ConcurrentDictionary<Guid, CommitQueue> Queues = new();

    public static Task<int> SaveWithLedgerAsync(AdalDb db, Guid tenantId, IReadOnlyList<PendingEntry> pending, bool acceptAllChangesOnSuccess, CancellationToken ct) =>
        db.Database.CurrentTransaction is not null
            ? SaveInCallersTransactionAsync(db, tenantId, pending, acceptAllChangesOnSuccess, ct)
            : Queues.GetOrAdd(tenantId, id => new CommitQueue(id)).SaveAsync(new UnitOfWork(db, pending, acceptAllChangesOnSuccess));

    /// <summary>A caller that opened its own transaction (start-up repair, a test) appends alone, inside it; the caller commits.</summary>
    private static async Task<int> SaveInCallersTransactionAsync(AdalDb db, Guid tenantId, IReadOnlyList<PendingEntry> pending, bool accept, CancellationToken ct)
    {
        var gate = Locks.GetOrAdd(tenantId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        DbNodeStore? store = null;
        try
        {
            var state = await LockStateAsync(db, tenantId, ct);
            store = new DbNodeStore(db, tenantId, state.Size);
            await store.LoadEdgeAsync(ct);
            var prepared = pending.Select((p, i) => p.Prepare(state.Size + i)).ToList();
            var batch = new MerkleLog(store).AppendLeafHashes(PreparedEntry.LeafHashes(prepared));
            await EntryBundles.AppendAsync(db, tenantId, state.Size, prepared, ct);
            state.Size = batch.TreeSize;
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

    /// <summary>
    /// One university's units of work waiting to commit. The first to arrive leads: it takes everyone waiting, commits
    /// them as one batch and hands the lead to the first that arrived meanwhile; nobody else does database work.
    /// </summary>
    private sealed class CommitQueue(Guid tenantId)
    {
        // Enough to amortise a commit many times over; a bigger batch only makes its first members wait longer.
        private const int MaxBatch = 256;
        private readonly Lock _sync = new();
        private List<UnitOfWork> _waiting = [];
        private bool _leading;

        public async Task<int> SaveAsync(UnitOfWork unit)
        {
            bool lead;
            lock (_sync)
            {
                _waiting.Add(unit);
                lead = !_leading;
                _leading = true;
            }
            if (!lead) lead = await unit.Turn.Task;
            if (lead)
            {
                List<UnitOfWork> batch;
                lock (_sync)
                {
                    batch = _waiting.Count <= MaxBatch ? _waiting : _waiting[..MaxBatch];
                    _waiting = _waiting.Count <= MaxBatch ? [] : _waiting[MaxBatch..];
                }
                try
                {
                    await CommitAsync(tenantId, batch);
                }
                catch (Exception e)
                {
                    foreach (var member in batch) member.Fail(e);
                }
                finally
                {
                    // Whatever happened, the lead passes on and the batch is answered: nobody waits for a leader that left.
                    UnitOfWork? next = null;
                    lock (_sync)
                    {
                        if (_waiting.Count > 0) next = _waiting[0];
                        else _leading = false;
                    }
                    next?.Turn.TrySetResult(true);
                    foreach (var other in batch) if (other != unit) other.Turn.TrySetResult(false);
                }
            }
            return unit.Result();
        }
    }

    /// <summary>
    /// Commits a batch in one transaction. The entries are prepared (a document's PDF rendered with its index) before the
    /// database's write lock is taken, so other writers wait only for the saving itself.
    /// </summary>
    private static async Task CommitAsync(Guid tenantId, IReadOnlyList<UnitOfWork> batch)
    {
        // The batch belongs to every unit in it: one client going away does not cancel the others' commit.
        var ct = CancellationToken.None;
        var gate = Locks.GetOrAdd(tenantId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        await using var ledgerDb = batch[0].Db.Sibling();
        var attached = new List<UnitOfWork>(batch.Count);
        try
        {
            var expected = await ledgerDb.LedgerStates.AsNoTracking().Where(s => s.TenantId == tenantId).Select(s => (long?)s.Size).FirstOrDefaultAsync(ct) ?? 0;
            PrepareAll(batch, expected);
            await BeginAsync(ledgerDb, ct);
            var transaction = ledgerDb.Database.CurrentTransaction!.GetDbTransaction();
            var state = await LockStateAsync(ledgerDb, tenantId, ct);
            var store = new DbNodeStore(ledgerDb, tenantId, state.Size);
            await store.LoadEdgeAsync(ct);
            var accepted = new List<PreparedEntry>();
            for (var i = 0; i < batch.Count; i++)
            {
                var unit = batch[i];
                // Another process appended since the size was read, or a unit before this one failed: indexes move up.
                if (!unit.Failed && unit.PreparedAt != state.Size + accepted.Count) unit.TryPrepare(state.Size + accepted.Count);
                if (unit.Failed) continue;
                attached.Add(unit);
                unit.Attach(transaction);
                var savepoint = $"unit{i}";
                await transaction.SaveAsync(savepoint, ct);
                try
                {
                    unit.Written = await unit.Db.SaveRowsAsync(acceptAllChangesOnSuccess: false, ct);
                    await transaction.ReleaseAsync(savepoint, ct);
                    accepted.AddRange(unit.Prepared);
                }
                catch (Exception e)
                {
                    await transaction.RollbackAsync(savepoint, ct);
                    unit.Fail(e);
                }
                finally
                {
                    await unit.Db.Database.UseTransactionAsync(null, ct);
                }
            }
            if (accepted.Count > 0)
            {
                var appended = new MerkleLog(store).AppendLeafHashes(PreparedEntry.LeafHashes(accepted));
                await EntryBundles.AppendAsync(ledgerDb, tenantId, state.Size, accepted, ct);
                state.Size = appended.TreeSize;
                await ledgerDb.SaveChangesAsync(ct);
            }
            await ledgerDb.Database.CommitTransactionAsync(ct);
            foreach (var unit in batch) unit.Committed();
            BatchSizes.Record(batch.Count);
        }
        catch (Exception e)
        {
            if (ledgerDb.Database.CurrentTransaction is not null) await ledgerDb.Database.RollbackTransactionAsync(CancellationToken.None);
            foreach (var unit in batch) unit.Fail(e);
        }
        finally
        {
            foreach (var unit in attached) unit.Detach();
            gate.Release();
        }
    }

    /// <summary>Entries whose content waits for their index (a PDF printing it) are built on every core at once.</summary>
    private static void PrepareAll(IReadOnlyList<UnitOfWork> batch, long first)
    {
        var starts = new long[batch.Count];
        for (var i = 0; i < batch.Count; i++) starts[i] = i == 0 ? first : starts[i - 1] + batch[i - 1].Count;
        Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => batch[i].TryPrepare(starts[i]));
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
