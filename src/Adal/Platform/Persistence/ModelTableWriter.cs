using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Adal.Platform.Persistence;

/// <summary>
/// Inserts the host's own entity objects in multi-row INSERT statements, with the table, columns and value
/// conversions (enums as text, UTC times, GUIDs as SQLite text) read from the host's EF Core model. The rows are
/// exactly what EF Core would have written, without the change tracker: the ledger's rows of a batch, a CSV
/// import's hundred thousand grades, the load benchmark's million past requests.
/// </summary>
public sealed class ModelTableWriter<T> : IDisposable where T : class
{
    private readonly DbConnection _connection;
    private readonly Column[] _columns;
    private readonly string _insertPrefix;
    private readonly int _rowsPerStatement;
    private DbCommand? _fullCommand;

    private sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool Nullable);

    private sealed record TableShape(Column[] Columns, string InsertPrefix);

    // The group commit makes a writer per table for every batch: the table's shape is worked out once and kept on the
    // model's entity type (SQLite and PostgreSQL models can share a process).
    private static TableShape Shape(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        return entity.GetOrAddRuntimeAnnotationValue("Adal:TableShape", static arg => Table(arg.entity, arg.db), (entity, db));
    }

    private static TableShape Table(IEntityType entity, DbContext db)
    {
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            // Database-generated keys (a transition's sequence number) are left to the database, as EF Core does.
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .Select(p => p.IsShadowProperty()
                ? throw new NotSupportedException($"{typeof(T).Name}.{p.Name} is a shadow property; the writer reads CLR properties only.")
                : new Column(p.GetColumnName(store)!, (RelationalTypeMapping)p.GetTypeMapping(), p.GetGetter(), p.IsNullable))
            .ToArray();
        return new(columns, $"INSERT INTO {sql.DelimitIdentifier(table, entity.GetSchema())} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ");
    }

    /// <param name="rowsPerStatement">Rows in one INSERT; by default as many as keep a statement under the providers' parameter limits.</param>
    public ModelTableWriter(DbContext db, DbConnection connection, int? rowsPerStatement = null)
    {
        _connection = connection;
        (_columns, _insertPrefix) = Shape(db);
        // PostgreSQL: many rows per statement, since each statement is a round trip (and under its 65,535-parameter limit).
        // SQLite: one row per execution of one prepared statement. It has no round trip to save, and a statement of many
        // rows costs more than it saves: Microsoft.Data.Sqlite binds each parameter by name, which scans the statement's
        // list of names (quadratic in the parameters), and a group commit prepares its writers' statements afresh in every
        // batch. Measured with the Requests table, CPU per row: 12–18 µs at one row, 16–22 at four, 23–29 at sixteen.
        _rowsPerStatement = rowsPerStatement ?? (connection is Microsoft.Data.Sqlite.SqliteConnection ? 1 : Math.Max(1, Math.Min(400, 16_000 / _columns.Length)));
    }

    public long Written { get; private set; }

    /// <summary>Writes <paramref name="rows"/> inside <paramref name="transaction"/>; full statements reuse one prepared command.</summary>
    public void Write(IReadOnlyList<T> rows, DbTransaction transaction)
    {
        for (var at = 0; at < rows.Count; at += _rowsPerStatement)
        {
            var command = Bind(rows, at, transaction);
            command.ExecuteNonQuery();
            if (command != _fullCommand) command.Dispose();
        }
        Written += rows.Count;
    }

    /// <inheritdoc cref="Write"/>
    public async Task WriteAsync(IReadOnlyList<T> rows, DbTransaction transaction, CancellationToken ct)
    {
        for (var at = 0; at < rows.Count; at += _rowsPerStatement)
        {
            var command = Bind(rows, at, transaction);
            // SQLite has no asynchronous I/O: its async methods run synchronously anyway, without the task overhead here.
            if (command is Microsoft.Data.Sqlite.SqliteCommand) command.ExecuteNonQuery();
            else await command.ExecuteNonQueryAsync(ct);
            if (command != _fullCommand) await command.DisposeAsync();
        }
        Written += rows.Count;
    }

    /// <summary>Frees the prepared statement now: left to the finalizer, a writer per commit piles up native memory.</summary>
    public void Dispose() => _fullCommand?.Dispose();

    private DbCommand Bind(IReadOnlyList<T> rows, int at, DbTransaction transaction)
    {
        var count = Math.Min(_rowsPerStatement, rows.Count - at);
        var command = count == _rowsPerStatement ? _fullCommand ??= CreateCommand(count) : CreateCommand(count);
        command.Transaction = transaction;
        for (var r = 0; r < count; r++)
        {
            var row = rows[at + r];
            for (var c = 0; c < _columns.Length; c++)
                command.Parameters[r * _columns.Length + c].Value = ToProvider(_columns[c], row);
        }
        return command;
    }

    private DbCommand CreateCommand(int rowCount)
    {
        var command = _connection.CreateCommand();
        var text = new StringBuilder(_insertPrefix);
        for (var r = 0; r < rowCount; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Length; c++)
            {
                var name = $"@p{r * _columns.Length + c}";
                text.Append(c == 0 ? name : ", " + name);
                // The mapping configures the parameter as EF Core would (SQLite text GUIDs, Npgsql types); values change per row.
                command.Parameters.Add(_columns[c].Mapping.CreateParameter(command, name, null, _columns[c].Nullable));
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        return command;
    }

    private static object ToProvider(Column column, T row)
    {
        var value = column.Getter.GetClrValue(row);
        if (value is not null && column.Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
        return value ?? DBNull.Value;
    }
}
