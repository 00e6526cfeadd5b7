using Adal.Tests.Infrastructure;
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
}
