using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Adal.Platform.Persistence;

/// <summary>
/// Statements kept prepared on each native SQLite connection, for the rare query that runs on every filing.
/// Microsoft.Data.Sqlite keeps a prepared statement only as long as its command (efcore#14044), and EF Core makes a
/// command per execution, so SQLite parses and plans the same SQL every time: for the applicant's query of a
/// filing, ~45 µs of CPU to prepare against ~4 µs to run. A kept statement lives as long as its native connection,
/// which the pool keeps open between requests; it is reset after every use, so it never holds a read open.
/// Parameters are bound by position (?1, ?2 …), as text.
/// </summary>
internal static class SqliteKeptStatements
{
    // Keyed by the native connection: one SqliteConnection at a time owns it, so its statements are never shared
    // between threads. When the pool lets the native connection go, its statements go with it.
    private static readonly ConditionalWeakTable<sqlite3, Dictionary<string, sqlite3_stmt>> Kept = [];

    /// <summary>Runs <paramref name="sql"/> on the open <paramref name="connection"/>, calling <paramref name="read"/> for each row.</summary>
    public static void Query(SqliteConnection connection, string sql, ReadOnlySpan<string> parameters, Action<sqlite3_stmt> read)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var statements = Kept.GetOrCreateValue(handle);
        if (!statements.TryGetValue(sql, out var statement) || statement.IsClosed)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v3(handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out statement, out _), handle);
            statements[sql] = statement;
        }
        try
        {
            for (var i = 0; i < parameters.Length; i++)
                SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(statement, i + 1, parameters[i]), handle);
            var started = Stopwatch.GetTimestamp();
            var rows = 0;
            while (true)
            {
                var rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_ROW)
                {
                    read(statement);
                    rows++;
                    continue;
                }
                if (rc == raw.SQLITE_DONE) return;
                // As Microsoft.Data.Sqlite does: a locked database is waited for, up to the default command timeout.
                if ((rc == raw.SQLITE_BUSY || rc == raw.SQLITE_LOCKED) && rows == 0 && Stopwatch.GetElapsedTime(started) < BusyTimeout)
                {
                    raw.sqlite3_reset(statement);
                    Thread.Sleep(1);
                    continue;
                }
                SqliteException.ThrowExceptionForRC(rc, handle);
            }
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public static string? Text(sqlite3_stmt row, int column) =>
        raw.sqlite3_column_type(row, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(row, column).utf8_to_string();

    public static Guid? Guid(sqlite3_stmt row, int column) => Text(row, column) is { } text ? System.Guid.Parse(text) : null;

    public static long Integer(sqlite3_stmt row, int column) => raw.sqlite3_column_int64(row, column);

    /// <summary>A GUID as EF Core's SQLite provider stores and compares it: upper-case text.</summary>
    public static string GuidText(Guid value) => value.ToString("D").ToUpperInvariant();
}
