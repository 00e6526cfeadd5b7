using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Adal.Tests.Ledger;

/// <summary>
/// A database from before the ledger's tiles and bundles (per-node rows, one row per entry, one openings row per commitment)
/// is migrated: the openings fold into their entries, start-up packs the entries into bundles and rebuilds the tiles from
/// them — on SQLite and on PostgreSQL.
/// </summary>
public sealed class LedgerTilesMigrationTests
{
    [Fact]
    public Task On_sqlite_old_openings_fold_into_their_entries_and_tiles_are_rebuilt()
    {
        var folder = Directory.CreateTempSubdirectory("adal-migration-").FullName;
        var options = new DbContextOptionsBuilder<SqliteAdalDb>().UseSqlite($"Data Source={Path.Combine(folder, "old.db")};Pooling=false").Options;
        return MigrateOldLogAsync(() => new SqliteAdalDb(options),
            () => Directory.Delete(folder, recursive: true));
    }

    [Fact]
    public Task On_postgres_old_openings_fold_into_their_entries_and_tiles_are_rebuilt()
    {
        var server = Environment.GetEnvironmentVariable("ADAL_TEST_POSTGRES")
            ?? throw new InvalidOperationException("ADAL_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL.");
        var name = $"adal_migration_{Guid.NewGuid():N}";
        Execute(server, $"CREATE DATABASE {name}");
        var options = new DbContextOptionsBuilder<PostgresAdalDb>().UseNpgsql(new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString).Options;
        return MigrateOldLogAsync(() => new PostgresAdalDb(options),
            () => Execute(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    }

    private static async Task MigrateOldLogAsync(Func<AdalDb> open, Action cleanUp)
    {
        try
        {
            var tenant = Guid.NewGuid();
            var leaves = Enumerable.Range(0, 300).Select(i => new LedgerEntry(LedgerEventTypes.RequestDecided, DateTimeOffset.UnixEpoch.AddDays(i), LedgerField.Integer("n", i)).Encode()).ToList();
            var salt = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
            await using (var db = open())
            {
                await db.GetService<IMigrator>().MigrateAsync("AcademicRecords");
                for (var i = 0; i < leaves.Count; i++)
                {
                    var leaf = leaves[i];
                    await db.Database.ExecuteSqlAsync($"""INSERT INTO "LedgerEntries" ("TenantId", "Index", "EventType", "Leaf", "RecordedAt") VALUES ({tenant}, {(long)i}, 'request.decided', {leaf}, {DateTime.UtcNow})""");
                }
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "LedgerStates" ("TenantId", "Size") VALUES ({tenant}, {(long)leaves.Count})""");
                foreach (var (field, value) in new[] { ("student", "2023-FIT-0001"), ("score", "91") })
                    await db.Database.ExecuteSqlAsync($"""INSERT INTO "LedgerOpenings" ("TenantId", "Index", "Field", "Salt", "Value") VALUES ({tenant}, {7L}, {field}, {salt}, {value})""");
            }
            await using (var db = open())
            {
                await db.Database.MigrateAsync();
                Assert.Equal(1, await LedgerRepair.PackLegacyEntriesAsync(db, default));
                Assert.Equal(1, await LedgerRepair.RebuildMissingTilesAsync(db, default));
            }
            await using (var db = open())
            {
                var openings = await EntryBundles.OpeningsAsync(db, tenant, 7, default);
                Assert.Equal(["score", "student"], openings.Select(o => o.Field).Order());
                Assert.All(openings, o => Assert.Equal(salt, o.Opening.Salt));
                Assert.Equal("91", openings.Single(o => o.Field == "score").Opening.Value);
                Assert.Empty(await EntryBundles.OpeningsAsync(db, tenant, 8, default));
                Assert.Equal(leaves, (await EntryBundles.RangeAsync(db, tenant, 0, leaves.Count - 1, default)).Select(e => e.Leaf));

                var audit = await new LedgerAudit(db).RunAsync(tenant, "old", default);
                Assert.True(audit.Intact, audit.Divergence);
                Assert.Equal(Convert.ToBase64String(MerkleHash.RootOfLeafHashes(leaves.SelectMany(l => MerkleHash.Leaf(l)).ToArray())), audit.RootHash);
            }
        }
        finally
        {
            cleanUp();
        }
    }

    private static void Execute(string server, string sql)
    {
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
