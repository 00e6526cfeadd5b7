using System.Diagnostics;
using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Adal.Bench;

/// <summary>
/// Durable appends through the host's own path: LedgerRecorder + AdalDb.SaveChangesAsync on a SQLite file in WAL
/// mode with synchronous=FULL (every commit reaches the disk), batches of 1,000 decision-sized entries, each batch
/// one transaction with its leaves, completed nodes and the new size — what the platform does per unit of work.
/// </summary>
public static class LedgerDurableBenchmark
{
    public static async Task<int> RunAsync(bool quick)
    {
        var batches = quick ? 20 : 200;
        const int batchSize = 1000;
        var folder = Directory.CreateTempSubdirectory("adal-ledger-durable-").FullName;
        try
        {
            var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "ledger.db"), Pooling = true }.ConnectionString;
            var options = new DbContextOptionsBuilder<SqliteAdalDb>().UseSqlite(connection).Options;
            var tenantId = Guid.NewGuid();
            await using (var setup = NewDb(options, null))
            {
                await setup.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                await setup.Database.MigrateAsync();
                setup.Tenants.Add(new Tenant { Id = tenantId, Slug = "bench", NameKk = "bench", NameRu = "bench", NameEn = "bench", CreatedAt = DateTime.UtcNow });
                await setup.SaveChangesAsync();
            }
            var synchronous = await QueryAsync(options, "PRAGMA synchronous;");
            var journal = await QueryAsync(options, "PRAGMA journal_mode;");
            var watch = Stopwatch.StartNew();
            var latencies = new List<double>();
            for (var b = 0; b < batches; b++)
            {
                var started = watch.Elapsed.TotalMilliseconds;
                var recorder = new LedgerRecorder(TimeProvider.System);
                await using var db = NewDb(options, (tenantId, recorder));
                var now = DateTimeOffset.UtcNow;
                for (var i = 0; i < batchSize; i++)
                    recorder.Record(new LedgerDraft(LedgerEventTypes.RequestDecided, now)
                        .Text("service", "certificate-of-study").Integer("definition_version", 1).Text("step", "issue")
                        .Text("decision", "approve").Text("actor_role", "officer")
                        .Committed("request", Guid.NewGuid().ToString()).Committed("applicant", Guid.NewGuid().ToString()));
                await db.SaveChangesAsync();
                latencies.Add(watch.Elapsed.TotalMilliseconds - started);
            }
            watch.Stop();
            var total = batches * batchSize;
            latencies.Sort();
            Console.WriteLine($"ledger-durable: {total:N0} entries in {batches} batches of {batchSize:N0} on SQLite (journal_mode={journal}, synchronous={synchronous} — 2 = FULL)");
            Console.WriteLine($"  {total / watch.Elapsed.TotalSeconds:N0} entries/s durable; batch commit p50 {latencies[latencies.Count / 2]:N1} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:N1} ms");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static SqliteAdalDb NewDb(DbContextOptions<SqliteAdalDb> options, (Guid Tenant, LedgerRecorder Recorder)? scope)
    {
        var tenant = new TenantContext();
        if (scope is { } s) tenant.Enter(s.Tenant, "bench");
        return new SqliteAdalDb(options, tenant, scope?.Recorder ?? new LedgerRecorder(TimeProvider.System));
    }

    private static async Task<string> QueryAsync(DbContextOptions<SqliteAdalDb> options, string pragma)
    {
        await using var db = NewDb(options, null);
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = pragma;
        return (await command.ExecuteScalarAsync())?.ToString() ?? "?";
    }
}
