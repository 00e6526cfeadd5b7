using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Adal.Platform.Persistence;

/// <summary>
/// Settings SQLite keeps per connection and a connection string cannot carry, applied once to each pooled connection:
/// a page cache of 512 KiB instead of 2 MiB. Registration day keeps a pooled connection per concurrent request, and
/// each filled its cache with pages the operating system's file cache holds anyway — 64 connections, up to 128 MiB of
/// a 300 MB resident-memory budget.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];
    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Configure(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Configure(connection);
        return Task.CompletedTask;
    }

    private static void Configure(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || Configured.TryGetValue(handle, out _)) return;
        using var command = sqlite.CreateCommand();
        command.CommandText = "PRAGMA cache_size=-512;";
        command.ExecuteNonQuery();
        Configured.AddOrUpdate(handle, Done);
    }
}
