using Adal.Tests.Infrastructure;
using Adal.Tests.Requests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Adal.Tests.Platform;

/// <summary>What the embedded database is told on start-up and on every pooled connection, for registration-day speed and memory.</summary>
public sealed class SqliteSettingsTests(AdalApp app) : IClassFixture<AdalApp>
{
    [Fact]
    public async Task The_planner_has_statistics_and_connections_keep_a_small_page_cache()
    {
        var (statistics, cacheSize) = await app.InDemoAsync(async (_, db) =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_stat1 WHERE tbl IN ('Users', 'UserRoles', 'Requests')";
            var rows = Convert.ToInt64(await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA cache_size";
            return (rows, Convert.ToInt64(await command.ExecuteScalarAsync()));
        });
        // Without statistics SQLite reads every user of the university to find one person's roles.
        Assert.True(statistics >= 3, $"{statistics} rows of statistics");
        Assert.Equal(-512, cacheSize);
    }

    [Fact]
    public async Task Connections_leave_checkpoints_to_the_checkpointer_which_copies_a_commit_into_the_database_file_soon()
    {
        var autocheckpoint = await app.InDemoAsync(async (_, db) =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint";
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        });
        Assert.Equal(10_000, autocheckpoint);

        var student = await app.SignedInAsync("student@demo.local");
        var request = await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = "employer", copies = 1 } });
        var id = request["id"]!.GetValue<string>();

        // One filing is far below the safety net's 10,000 pages, so SQLite alone would leave it in the write-ahead log;
        // the checkpointer copies it within a pass or two. An immutable connection reads the database file only.
        var file = new SqliteConnectionStringBuilder(app.ConnectionString).DataSource;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await InDatabaseFileAsync(file, id))
        {
            Assert.True(DateTime.UtcNow < deadline, "the filing was still only in the write-ahead log after 10 s");
            await Task.Delay(50);
        }
    }

    private static async Task<bool> InDatabaseFileAsync(string file, string requestId)
    {
        await using var connection = new SqliteConnection($"Data Source=file:{file}?immutable=1;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM Requests WHERE lower(Id) = $id";
        command.Parameters.AddWithValue("$id", requestId.ToLowerInvariant());
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync()) == 1;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            return false; // not even the tables are in the file yet
        }
    }
}
