using Microsoft.Data.Sqlite;

namespace Adal.Platform.Persistence;

/// <summary>
/// Copies committed pages from SQLite's write-ahead log into the database file on a thread of its own, so that no
/// filing waits for it. By default the connection whose commit takes the log past 1,000 pages (4 MiB) does this copy
/// and its fsync before its COMMIT returns: under registration day's filings (a certificate's PDF is ~80 KB) that was
/// nearly every group commit, and every filing of the batch waited for it while the cores stood idle.
/// <para>
/// The host's connections keep automatic checkpoints only as a safety net at <see cref="SafetyNetPages"/> pages
/// (<see cref="SqliteConnectionSettings"/>), in case this service is not running. A passive checkpoint never blocks the
/// writer or readers; it copies what no open read still needs, and the next write starts the log over once all of it
/// was copied.
/// </para>
/// </summary>
public sealed class SqliteCheckpointer(string connectionString, ILogger<SqliteCheckpointer> log) : IHostedService, IDisposable
{
    /// <summary>40 MiB of log: far above what one group commit writes, so only a host without this service reaches it.</summary>
    public const int SafetyNetPages = 10_000;

    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _stopping = new();
    private Thread? _thread;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // SQLite's calls block on disk I/O; a thread of its own keeps them off the thread pool that serves requests.
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpoints" };
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(5));
        return Task.CompletedTask;
    }

    public void Dispose() => _stopping.Dispose();

    private void Run()
    {
        var settings = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        SqliteConnection? connection = null;
        while (!_stopping.Token.WaitHandle.WaitOne(Period))
        {
            try
            {
                if (connection is null)
                {
                    connection = new SqliteConnection(settings.ConnectionString);
                    connection.Open();
                }
                Checkpoint(connection);
            }
            catch (SqliteException e)
            {
                // A database not yet created or busy with a migration: the next pass tries again on a new connection.
                log.LogDebug(e, "A passive SQLite checkpoint failed; retrying");
                connection?.Dispose();
                connection = null;
            }
        }
        connection?.Dispose();
    }

    /// <summary>One passive checkpoint; returns the log's pages and how many of them are now in the database file.</summary>
    public static (long Pages, long Copied) Checkpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }
}
