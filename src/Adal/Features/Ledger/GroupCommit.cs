using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.Metrics;
using Adal.Platform.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Adal.Features.Ledger;

/// <summary>
/// Units of work with ledger events that arrive while a commit is under way wait and go together in the next one (group
/// commit, as databases do with their journal): one transaction, one durable flush, one log append for all of them.
/// Each unit is saved inside its own savepoint, so a unit that fails (a concurrent decision on the same case) is rolled
/// back alone and gets its own error, while the others commit. An answer is given only after the commit that holds the
/// unit's rows and its entries.
/// </summary>
internal static class GroupCommit
{
    /// <summary>Watch with <c>dotnet-counters monitor -n adal --counters Adal.Ledger</c>: how many units each commit carries.</summary>
    public static readonly Meter Meter = new("Adal.Ledger");
    private static readonly Histogram<int> BatchSizes = Meter.CreateHistogram<int>("adal.ledger.units_per_commit", "{unit}", "Units of work saved by one group commit");
    private static readonly Counter<int> WrittenTogether = Meter.CreateCounter<int>("adal.ledger.units_written_together", "{unit}",
        "Units of work that only added rows, written with the other such units of their commit in multi-row INSERTs");
    private static readonly ConcurrentDictionary<Guid, CommitQueue> Queues = new();

    public static Task<int> SaveAsync(Guid tenantId, UnitOfWork unit) => Queues.GetOrAdd(tenantId, id => new CommitQueue(id)).SaveAsync(unit);

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
        // Only the leader touches it, one batch at a time.
        private readonly LeaderState _leader = new();

        public async Task<int> SaveAsync(UnitOfWork unit)
        {
            unit.FindAdded();
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
                    await CommitAsync(tenantId, batch, _leader);
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
    private static async Task CommitAsync(Guid tenantId, IReadOnlyList<UnitOfWork> batch, LeaderState leader)
    {
        // The batch belongs to every unit in it: one client going away does not cancel the others' commit.
        var ct = CancellationToken.None;
        var gate = LedgerAppender.Gate(tenantId);
        await gate.WaitAsync(ct);
        AdalDb ledgerDb;
        try
        {
            ledgerDb = await leader.ContextAsync(batch[0].Db);
        }
        catch
        {
            // No context, no commit: the batch fails (SaveAsync answers it), and the next leader still gets the gate.
            gate.Release();
            throw;
        }
        var knownSize = leader.Size;
        leader.Size = null;
        var attached = new List<UnitOfWork>(batch.Count);
        try
        {
            // Units that only add go first, written together; their entries take the first indexes of the batch.
            var together = 0;
            foreach (var unit in batch) if (unit.Added is not null) together++;
            if (together > 0 && together < batch.Count) batch = [.. batch.Where(u => u.Added is not null), .. batch.Where(u => u.Added is null)];
            PrepareAll(batch, knownSize ?? await UniversityLog.SizeAsync(ledgerDb, tenantId, ct));
            await LedgerAppender.BeginAsync(ledgerDb, ct);
            var transaction = ledgerDb.Database.CurrentTransaction!.GetDbTransaction();
            var state = await LedgerAppender.LockStateAsync(ledgerDb, tenantId, ct);
            var store = await LedgerAppender.EdgeAsync(ledgerDb, state, ct);
            var accepted = new List<PreparedEntry>();
            var first = together > 0 ? await WriteTogetherAsync(tenantId, ledgerDb, transaction, batch.Take(together).ToList(), state.Size, accepted) : 0;
            for (var i = first; i < batch.Count; i++)
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
                await LedgerAppender.AppendAsync(ledgerDb, state, store, accepted, ct);
                await ledgerDb.SaveChangesAsync(ct);
            }
            await ledgerDb.Database.CommitTransactionAsync(ct);
            foreach (var unit in batch) unit.Committed();
            BatchSizes.Record(batch.Count);
            leader.Committed(ledgerDb, state.Size);
        }
        catch (Exception e)
        {
            if (ledgerDb.Database.CurrentTransaction is not null) await ledgerDb.Database.RollbackTransactionAsync(CancellationToken.None);
            foreach (var unit in batch) unit.Fail(e);
        }
        finally
        {
            try
            {
                foreach (var unit in attached) unit.Detach();
            }
            finally
            {
                await leader.LetGoAsync(ledgerDb);
                gate.Release();
            }
        }
    }

    /// <summary>
    /// What one university's leaders hand on from batch to batch: the log's size after the last commit, so the next batch
    /// is prepared without reading it (another process that appended meanwhile only makes the entries be prepared
    /// again, under the lock), and the context that wrote the log, so each commit does not build a context of its own.
    /// </summary>
    private sealed class LeaderState
    {
        private AdalDb? _kept;

        public long? Size { get; set; }

        /// <summary>The kept context when it is on the same database as <paramref name="unitDb"/> (tests run several hosts on one university's id).</summary>
        public async Task<AdalDb> ContextAsync(AdalDb unitDb)
        {
            var kept = _kept;
            _kept = null;
            var db = unitDb.Sibling(reuse: kept);
            if (db == kept) return db;
            Size = null;
            if (db.Database.IsSqlite())
            {
                // On SQLite the leader keeps a connection of its own, outside the pool, open from batch to batch, with
                // its temporary files in memory: a batch's savepoints and multi-row INSERTs keep the pages they change
                // in a statement journal, and past 64 KiB SQLite wrote it to a temporary file (as many bytes as the
                // log itself). The pool would hand the setting on to other connections; this one closes with the context.
                try
                {
                    db.Database.SetConnectionString(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
                    await db.Database.OpenConnectionAsync();
                    await db.Database.ExecuteSqlRawAsync("PRAGMA temp_store=MEMORY;");
                }
                catch
                {
                    await db.DisposeAsync();
                    throw;
                }
            }
            return db;
        }

        public void Committed(AdalDb db, long size)
        {
            Size = size;
            _kept = db;
        }

        /// <summary>After a good commit the context is kept, emptied (its PostgreSQL connection closed); after a failure it is dropped.</summary>
        public async Task LetGoAsync(AdalDb db)
        {
            if (_kept != db)
            {
                await db.DisposeAsync();
                return;
            }
            db.ChangeTracker.Clear();
            if (!db.Database.IsSqlite()) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Writes the rows of units that only add, all in one go (a multi-row INSERT per table), inside a savepoint. When that
    /// fails, nothing of it stays and 0 is returned: the caller then saves the same units one by one, each in its own
    /// savepoint, so that only the unit at fault fails.
    /// </summary>
    private static async Task<int> WriteTogetherAsync(Guid tenantId, AdalDb ledgerDb, DbTransaction transaction, List<UnitOfWork> units, long size, List<PreparedEntry> accepted)
    {
        var ct = CancellationToken.None;
        var written = new List<UnitOfWork>(units.Count);
        var entries = 0;
        foreach (var unit in units)
        {
            // As in the one-by-one loop: indexes move up when another process appended or a unit before failed.
            if (!unit.Failed && unit.PreparedAt != size + entries) unit.TryPrepare(size + entries);
            if (unit.Failed) continue;
            written.Add(unit);
            entries += unit.Count;
        }
        await transaction.SaveAsync("together", ct);
        try
        {
            await AddedRows.WriteAsync(ledgerDb, transaction, written.ConvertAll(u => u.Added!), ct);
            await transaction.ReleaseAsync("together", ct);
        }
        catch (DbException)
        {
            await transaction.RollbackAsync("together", ct);
            return 0;
        }
        foreach (var unit in written)
        {
            unit.WroteTogether();
            accepted.AddRange(unit.Prepared);
        }
        WrittenTogether.Add(written.Count, new KeyValuePair<string, object?>("tenant", tenantId));
        return units.Count;
    }

    /// <summary>Entries whose content waits for their index (a PDF printing it) are built on every core at once.</summary>
    private static void PrepareAll(IReadOnlyList<UnitOfWork> batch, long first)
    {
        var starts = new long[batch.Count];
        for (var i = 0; i < batch.Count; i++) starts[i] = i == 0 ? first : starts[i - 1] + batch[i - 1].Count;
        Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => batch[i].TryPrepare(starts[i]));
    }
}
