using System.Data.Common;
using System.Diagnostics;
using Adal.Features.Ledger;
using Adal.Features.Requests;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Adal.Bench.Load;

/// <summary>What the storage and the password hash allow at most, measured in this run, before the server starts.</summary>
internal sealed record Ceilings(
    double SingleRowCommitsPerSecond, double BatchedRowsPerSecond, string Durability,
    double PasswordChecksPerSecondPerCore, string HostSynchronous);

/// <summary>
/// The storage ceiling: the database's own durable insert rate for request rows (the host's Requests table, same
/// columns, indexes and value conversions), in a scratch database on the same storage — one row per transaction,
/// and 100 rows per transaction. On SQLite: WAL with synchronous=FULL. Also PBKDF2's rate, sign-in's ceiling.
/// </summary>
internal static class StorageCeiling
{
    public static async Task<Ceilings> MeasureAsync(LoadDatabase database, TimeSpan each)
    {
        var scratch = database.CreateScratch();
        var tenant = new TenantContext();
        var recorder = new LedgerRecorder(TimeProvider.System);
        await using AdalDb db = database.IsPostgres
            ? new PostgresAdalDb(new DbContextOptionsBuilder<PostgresAdalDb>().UseNpgsql(scratch).Options).Bind(tenant, recorder)
            : new SqliteAdalDb(new DbContextOptionsBuilder<SqliteAdalDb>().UseSqlite(scratch).Options).Bind(tenant, recorder);
        await db.Database.EnsureCreatedAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        string durability;
        if (database.IsPostgres)
            durability = $"PostgreSQL fsync={await Scalar(connection, "SHOW fsync")}, synchronous_commit={await Scalar(connection, "SHOW synchronous_commit")}";
        else
        {
            await RegistrationDaySeed.Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            durability = $"SQLite journal_mode={await Scalar(connection, "PRAGMA journal_mode")}, synchronous={await Scalar(connection, "PRAGMA synchronous")} (2 = FULL)";
        }
        using var single = new ModelTableWriter<ServiceRequest>(db, connection, rowsPerStatement: 1);
        // A batch as a batching writer would send it: on PostgreSQL one 100-row INSERT (one round trip), on SQLite what
        // the writer does by default (one prepared single-row INSERT run 100 times: no round trips to save, and binding
        // stays linear), so the ceiling cannot drift from what the host writes.
        using var batch = new ModelTableWriter<ServiceRequest>(db, connection, rowsPerStatement: database.IsPostgres ? 100 : null);
        var tenantId = Guid.CreateVersion7();
        var applicant = Guid.CreateVersion7();
        await Loop(connection, single, tenantId, applicant, 1, TimeSpan.FromSeconds(0.2)); // warm-up: prepared statements, file growth
        await Loop(connection, batch, tenantId, applicant, 100, TimeSpan.FromSeconds(0.2));
        var singleRate = await Loop(connection, single, tenantId, applicant, 1, each);
        var batchedRate = await Loop(connection, batch, tenantId, applicant, 100, each);
        return new Ceilings(singleRate, batchedRate, durability, PasswordChecksPerSecond(each), await HostSynchronousAsync(database));
    }

    private static async Task<double> Loop(DbConnection connection, ModelTableWriter<ServiceRequest> writer, Guid tenantId, Guid applicant, int perTransaction, TimeSpan duration)
    {
        var rows = new List<ServiceRequest>(perTransaction);
        long written = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            rows.Clear();
            for (var i = 0; i < perTransaction; i++) rows.Add(RequestRow(tenantId, applicant));
            await using var transaction = await connection.BeginTransactionAsync();
            writer.Write(rows, transaction);
            await transaction.CommitAsync();
            written += perTransaction;
        }
        return written / watch.Elapsed.TotalSeconds;
    }

    /// <summary>A request as a submission writes it: a certificate of study with its form, issued.</summary>
    private static ServiceRequest RequestRow(Guid tenantId, Guid applicant)
    {
        var now = DateTime.UtcNow;
        return new ServiceRequest
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, ServiceSlug = "certificate-of-study", DefinitionVersion = 1, ApplicantId = applicant,
            State = RequestState.Issued, Language = "kk", FieldsJson = """{"purpose":"military-office","copies":"2","comment":"Әскери комиссариатқа ұсыну үшін"}""",
            CreatedAt = now, SubmittedAt = now, ClosedAt = now, DocumentNumber = "DEMO-2026-7K3QX9MP", Revision = 5,
        };
    }

    /// <summary>PBKDF2 as sign-in runs it (ASP.NET Core Identity's hasher), on one core.</summary>
    private static double PasswordChecksPerSecond(TimeSpan duration)
    {
        var hasher = new PasswordHasher<User>();
        var hash = hasher.HashPassword(null!, RegistrationDaySeed.Password);
        var checks = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration || checks < 3)
        {
            if (hasher.VerifyHashedPassword(null!, hash, RegistrationDaySeed.Password) == PasswordVerificationResult.Failed)
                throw new InvalidOperationException("PBKDF2 refused its own hash.");
            checks++;
        }
        return checks / watch.Elapsed.TotalSeconds;
    }

    /// <summary>What the host's own SQLite connections run with (it sets no synchronous pragma: the library's default applies).</summary>
    private static async Task<string> HostSynchronousAsync(LoadDatabase database)
    {
        if (database.IsPostgres) return "the server's settings above";
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        return $"journal_mode={await Scalar(connection, "PRAGMA journal_mode")}, synchronous={await Scalar(connection, "PRAGMA synchronous")}";
    }

    private static async Task<string> Scalar(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
