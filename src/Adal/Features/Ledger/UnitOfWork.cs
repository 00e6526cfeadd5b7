using System.Data.Common;
using System.Runtime.ExceptionServices;
using Adal.Platform.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Adal.Features.Ledger;

/// <summary>
/// One request's changes with their ledger events, waiting in <see cref="GroupCommit"/>'s queue. While its batch
/// commits, the unit's context is lent the batch's connection and transaction; afterwards it gets a connection of its
/// own again, so the request can go on reading (the view it answers with).
/// </summary>
internal sealed class UnitOfWork(AdalDb db, IReadOnlyList<PendingEntry> pending, bool acceptAllChangesOnSuccess)
{
    private ExceptionDispatchInfo? _failure;
    private string? _connectionString;

    public AdalDb Db => db;
    public int Count => pending.Count;

    /// <summary>True: lead the next batch; false: the unit's batch is done, read <see cref="Result"/>.</summary>
    public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<PreparedEntry> Prepared { get; private set; } = [];
    public long PreparedAt { get; private set; } = -1;
    public int Written { get; set; }

    public bool Failed => _failure is not null;

    /// <summary>Builds the entries for indexes from <paramref name="first"/>; an entry that cannot be built fails this unit only.</summary>
    public void TryPrepare(long first)
    {
        try
        {
            Prepared = pending.Select((p, i) => p.Prepare(first + i)).ToList();
            PreparedAt = first;
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    public void Attach(DbTransaction transaction)
    {
        _connectionString = db.Database.GetConnectionString();
        // A request that kept its connection open for its reads gives it back; it gets a fresh one in Detach.
        db.Database.CloseConnection();
        db.Database.SetDbConnection(transaction.Connection, contextOwnsConnection: false);
        db.Database.UseTransaction(transaction);
    }

    public void Detach()
    {
        db.Database.UseTransaction(null);
        DbConnection own = db.Database.IsSqlite() ? new SqliteConnection(_connectionString) : new NpgsqlConnection(_connectionString);
        db.Database.SetDbConnection(own, contextOwnsConnection: true);
    }

    /// <summary>
    /// The unit's rows when it only adds (a filing), for <see cref="GroupCommit"/> to write with the batch's other
    /// filings; null for a unit that also changes rows (a decision), which EF Core saves in its own savepoint.
    /// Taken before the entries are prepared: a document's PDF, rendered then, is read when the rows are written.
    /// </summary>
    public AddedRows? Added { get; private set; }

    /// <summary>True once the unit's rows went in with the batch's other filings.</summary>
    public bool WrittenTogether { get; private set; }

    /// <summary>Finds <see cref="Added"/>, in the request's own thread before the unit joins the queue: the batch's leader
    /// works alone while the batch waits, and this was the largest part of its work that needs no lock.</summary>
    public void FindAdded()
    {
        // A caller that accepts the changes itself afterwards expects EF Core's own save (and its generated keys).
        Added = acceptAllChangesOnSuccess ? AddedRows.Of(db) : null;
    }

    public void WroteTogether()
    {
        WrittenTogether = true;
        Written = Added!.Count;
    }

    public void Fail(Exception e) => _failure ??= ExceptionDispatchInfo.Capture(e);

    public void Committed()
    {
        if (_failure is not null || !acceptAllChangesOnSuccess) return;
        // Rows written together are not EF Core's to accept (a transition's number was given by the database, unread):
        // the context lets go of them, and a later read in the same scope reads them back as saved.
        if (WrittenTogether)
        {
            db.ChangeTracker.Clear();
            db.ForgetInserted();
        }
        else db.ChangeTracker.AcceptAllChanges();
    }

    public int Result()
    {
        _failure?.Throw();
        return Written;
    }
}
