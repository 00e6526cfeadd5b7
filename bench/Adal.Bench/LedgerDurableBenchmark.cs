using System.Diagnostics;
using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adal.Bench;

/// <summary>
/// Durable appends through the host's own path: LedgerRecorder + AdalDb.SaveChangesAsync on a SQLite file in WAL
/// mode with synchronous=FULL (every commit reaches the disk). Each batch is one unit of work: decision-sized events
/// (two salted commitments each) recorded, then one SaveChanges that locks the log, appends the leaves, writes
/// entries and tiles and the new size, and commits. Recording an event (salts, commitments, encoding, leaf hash)
/// is the caller's work, done before the lock and in parallel across requests; the append is what the log
/// serialises, so it is timed on its own, and end to end as well.
/// </summary>
public static class LedgerDurableBenchmark
{
    public sealed record Result(int BatchSize, int Entries, double AppendPerSecond, double EndToEndPerSecond, double RecordMicroseconds,
        double AppendP50, double AppendP99, long LogSize, AuditResult? Audit);

    /// <summary>The host's own audit (LedgerAudit: entries and tiles read from the database) against plain SHA-256 of the same leaves.</summary>
    public sealed record AuditResult(long Entries, double AuditSeconds, double ReadSeconds, double Sha256Seconds, long NodesCompared);

    public static async Task<int> RunAsync(bool quick)
    {
        var results = new List<Result>
        {
            await MeasureAsync(1_000, quick ? 20_000 : 300_000, audit: false),
            await MeasureAsync(10_000, quick ? 20_000 : 1_000_000, audit: true),
        };
        Console.WriteLine("ledger-durable on SQLite (journal_mode=wal, synchronous=FULL), decision events, a fresh database each:");
        foreach (var r in results)
        {
            Console.WriteLine($"  {r.Entries:N0} in batches of {r.BatchSize,6:N0}: appends {r.AppendPerSecond,9:N0} entries/s durable (batch p50 {r.AppendP50:N1} ms, p99 {r.AppendP99:N1} ms); " +
                $"end to end with recording {r.EndToEndPerSecond:N0}/s (recording {r.RecordMicroseconds:N1} µs an event)");
            if (r.Audit is { } a)
                Console.WriteLine($"  audit of the {a.Entries:N0}-entry log from the database (`adal audit`'s code, {a.NodesCompared:N0} stored nodes compared): {a.AuditSeconds:N2} s; " +
                    $"reading the leaves alone {a.ReadSeconds:N2} s; plain SHA-256 of the same leaves {a.Sha256Seconds:N2} s; audit ÷ SHA-256 {a.AuditSeconds / a.Sha256Seconds:N2}×");
        }
        return 0;
    }

    public static async Task<Result> MeasureAsync(int batchSize, int total, bool audit)
    {
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
            if (await QueryAsync(options, "PRAGMA synchronous;") != "2" || await QueryAsync(options, "PRAGMA journal_mode;") != "wal")
                throw new InvalidOperationException("The benchmark must run with WAL and synchronous=FULL.");
            var batches = total / batchSize;
            var appendTimes = new List<double>(batches);
            double recording = 0;
            var all = Stopwatch.StartNew();
            for (var b = 0; b < batches; b++)
            {
                var started = Stopwatch.GetTimestamp();
                var recorder = new LedgerRecorder(TimeProvider.System);
                await using var db = NewDb(options, (tenantId, recorder));
                var now = DateTimeOffset.UtcNow;
                for (var i = 0; i < batchSize; i++)
                    recorder.Record(new LedgerDraft(LedgerEventTypes.RequestDecided, now)
                        .Text("service", "certificate-of-study").Integer("definition_version", 1).Text("step", "issue")
                        .Text("decision", "approve").Text("actor_role", "officer")
                        .Committed("request", Guid.NewGuid().ToString()).Committed("applicant", Guid.NewGuid().ToString()));
                var recorded = Stopwatch.GetTimestamp();
                await db.SaveChangesAsync();
                recording += Stopwatch.GetElapsedTime(started, recorded).TotalMilliseconds;
                appendTimes.Add(Stopwatch.GetElapsedTime(recorded).TotalMilliseconds);
            }
            all.Stop();
            var entries = batches * batchSize;
            long size;
            await using (var check = NewDb(options, null))
                size = await check.LedgerStates.Where(s => s.TenantId == tenantId).Select(s => s.Size).SingleAsync();
            if (size != entries) throw new InvalidOperationException($"The log holds {size} entries, not {entries}.");
            var sorted = appendTimes.Order().ToList();
            return new Result(batchSize, entries, entries / (appendTimes.Sum() / 1000), entries / all.Elapsed.TotalSeconds, recording * 1000 / entries,
                sorted[sorted.Count / 2], sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * 0.99))], size,
                audit ? await AuditAsync(options, tenantId) : null);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<AuditResult> AuditAsync(DbContextOptions<SqliteAdalDb> options, Guid tenantId)
    {
        // A signed head over the whole log, as the public API would have handed out: the audit holds the log to it.
        await using (var db = NewDb(options, (tenantId, new LedgerRecorder(TimeProvider.System))))
        {
            await using var services = new ServiceCollection().AddScoped<AdalDb>(_ => NewDb(options, null)).BuildServiceProvider();
            var keys = new UniversityKeys(services.GetRequiredService<IServiceScopeFactory>(),
                new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(), TimeProvider.System);
            await new UniversityLog(db, keys, TimeProvider.System).LatestHeadAsync(tenantId, "bench", default);
        }
        LedgerAuditResult result;
        var watch = Stopwatch.StartNew();
        await using (var db = NewDb(options, null))
            result = await new LedgerAudit(db).RunAsync(tenantId, "bench", default);
        var auditSeconds = watch.Elapsed.TotalSeconds;
        if (!result.Intact) throw new InvalidOperationException($"The audit found a divergence: {result.Divergence}");
        List<byte[]> leaves;
        watch.Restart();
        await using (var db = NewDb(options, null))
            leaves = (await EntryBundles.RangeAsync(db, tenantId, 0, result.LogSize - 1, default)).Select(e => e.Leaf).ToList();
        var readSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var digest = new byte[32];
        foreach (var leaf in leaves) System.Security.Cryptography.SHA256.HashData(leaf, digest);
        return new AuditResult(result.EntriesAudited, auditSeconds, readSeconds, watch.Elapsed.TotalSeconds, result.NodesCompared);
    }

    private static SqliteAdalDb NewDb(DbContextOptions<SqliteAdalDb> options, (Guid Tenant, LedgerRecorder Recorder)? scope)
    {
        var tenant = new TenantContext();
        if (scope is { } s) tenant.Enter(s.Tenant, "bench");
        return (SqliteAdalDb)new SqliteAdalDb(options).Bind(tenant, scope?.Recorder ?? new LedgerRecorder(TimeProvider.System));
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
