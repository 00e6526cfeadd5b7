using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
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

    // SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535; stay well under both.
    private const int MaxParameters = 30_000;
    private const int MaxRowsPerStatement = 1_000;

    public static void Add<T>(DbContext db, IReadOnlyList<T> rows) where T : class
    {
        if (rows.Count > 0) Pending.GetOrCreateValue(db).Add((context, ct) => InsertAsync(context, rows, ct));
    }

    public static void Discard(DbContext db) => Pending.Remove(db);

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
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => (Property: p, Column: p.GetColumnName(table))).Where(c => c.Column is not null).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column!)))}) VALUES ";
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var mappings = columns.Select(c => (c.Property.GetRelationalTypeMapping(), c.Property.GetGetter(), c.Property.IsNullable)).ToList();
        // SQLite binds parameters by name with a linear search, so one wide statement costs quadratic time: there a
        // one-row statement is prepared once and run per row (no round trip). PostgreSQL pays a round trip per
        // statement: there each statement carries up to a thousand rows.
        var perStatement = db.Database.IsSqlite() ? 1 : Math.Min(MaxRowsPerStatement, MaxParameters / columns.Count);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var end = Math.Min(rows.Count, start + perStatement);
            var text = new StringBuilder(head);
            command.Parameters.Clear();
            for (var i = start; i < end; i++)
            {
                text.Append(i == start ? "(" : ", (");
                for (var j = 0; j < mappings.Count; j++)
                {
                    var (mapping, getter, nullable) = mappings[j];
                    var name = $"p{(i - start) * mappings.Count + j}";
                    if (j > 0) text.Append(", ");
                    text.Append(sql.GenerateParameterNamePlaceholder(name));
                    command.Parameters.Add(mapping.CreateParameter(command, sql.GenerateParameterName(name), getter.GetClrValue(rows[i]), nullable));
                }
                text.Append(')');
            }
            // Unchanged text keeps the prepared statement.
            var commandText = text.ToString();
            if (command.CommandText != commandText) command.CommandText = commandText;
            await command.ExecuteNonQueryAsync(ct);
        }
        return rows.Count;
    }
}
