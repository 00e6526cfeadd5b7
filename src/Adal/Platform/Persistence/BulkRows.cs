using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Adal.Platform.Persistence;

/// <summary>
/// Rows written in bulk as part of the next SaveChangesAsync: multi-row INSERTs with EF Core's own column names and
/// value conversions, executed after the tracked rows inside the transaction that saves the unit of work (the
/// ledger's, which holds its lock), so they commit or roll back with everything else. Change tracking costs more than the insert itself for
/// a hundred thousand grades; these rows are never tracked.
/// </summary>
public sealed class BulkRows : SaveChangesInterceptor
{
    public static readonly BulkRows Interceptor = new();

    private static readonly ConditionalWeakTable<DbContext, List<Func<DbContext, CancellationToken, Task<int>>>> Pending = [];

    public static void Add<T>(DbContext db, IReadOnlyList<T> rows) where T : class
    {
        if (rows.Count > 0) Pending.GetOrCreateValue(db).Add((context, ct) => InsertAsync(context, rows, ct));
    }

    public static void Discard(DbContext db) => Pending.Remove(db);

    public static bool HasPending(DbContext db) => Pending.TryGetValue(db, out _);

    /// <summary>Before anything is written: bulk rows need the unit of work's transaction (the ledger's), or they would commit alone.</summary>
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Pending.TryGetValue(db, out _) && db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Bulk rows are written only inside the unit of work's transaction (a unit of work with a ledger event).");
        return ValueTask.FromResult(result);
    }

    /// <summary>After the tracked rows, which bulk rows may refer to (a seeded enrolment's student), and before the commit.</summary>
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db || !Pending.TryGetValue(db, out var writes)) return result;
        Pending.Remove(db);
        foreach (var write in writes) result += await write(db, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db) Discard(db);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context is { } db && Pending.TryGetValue(db, out _)
            ? throw new InvalidOperationException("Bulk rows are pending: use SaveChangesAsync.")
            : result;

    private static async Task<int> InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        using var writer = new ModelTableWriter<T>(db, db.Database.GetDbConnection());
        await writer.WriteAsync(rows, db.Database.CurrentTransaction!.GetDbTransaction(), ct);
        return rows.Count;
    }
}
