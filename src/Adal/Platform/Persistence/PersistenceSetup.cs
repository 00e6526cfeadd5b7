using System.Diagnostics.CodeAnalysis;
using Adal.Features.Ledger;
using Adal.Platform.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Adal.Platform.Persistence;

public static class PersistenceSetup
{
    /// <summary>
    /// SQLite by default (a file under App_Data, nothing to install); PostgreSQL when
    /// ConnectionStrings:Postgres is set. Same model, one migration set each.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddScoped<TenantContext>();
        services.AddScoped<LedgerRecorder>();
        var postgres = configuration.GetConnectionString("Postgres");
        if (IsSet(postgres))
        {
            services.AddPooledAdalDb<PostgresAdalDb>(configuration, o => o.UseNpgsql(PostgresConnectionString(postgres!)));
            return services;
        }
        var sqlite = configuration.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(sqlite))
        {
            var folder = Path.Combine(contentRoot, "App_Data");
            Directory.CreateDirectory(folder);
            sqlite = $"Data Source={Path.Combine(folder, "adal.db")}";
        }
        // A busy writer makes others wait (Default Timeout) rather than fail: registration day has many writers.
        var builder = new SqliteConnectionStringBuilder(sqlite) { DefaultTimeout = 30, Pooling = true };
        services.AddPooledAdalDb<SqliteAdalDb>(configuration, o => o.UseSqlite(builder.ConnectionString).AddInterceptors(SqliteConnectionSettings.Instance));
        services.AddHostedService<SqliteStatistics>();
        return services;
    }

    /// <summary>
    /// The host's PostgreSQL connection string: <paramref name="configured"/>, with two settings for a host that calls
    /// the database thousands of times a second, unless it names them itself.
    /// <list type="bullet">
    /// <item>Max Auto Prepare 64: statements the host runs again and again (a status read, a filing) are prepared on the
    /// server once per pooled connection, not parsed and planned on every call.</item>
    /// <item>No Reset On Close: a pooled connection is handed on as it is. Npgsql otherwise resets the session before
    /// its next use (with prepared statements kept: CLOSE ALL, RESET ALL, UNLISTEN, advisory unlocks, DISCARD TEMP and
    /// SEQUENCES), which cost PostgreSQL a third of its CPU per status read. Adal leaves no session state to reset: it
    /// never runs SET, LISTEN, advisory locks or temporary tables.</item>
    /// </list>
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        var npgsql = new NpgsqlConnectionStringBuilder(configured);
        if (!configured.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) npgsql.MaxAutoPrepare = 64;
        if (!configured.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) npgsql.NoResetOnClose = true;
        return npgsql.ConnectionString;
    }

    private static bool IsSet([NotNullWhen(true)] string? connectionString) => !string.IsNullOrWhiteSpace(connectionString);

    /// <summary>
    /// Whether this process is the only one changing the database, so that what it saved is all that changed: true for
    /// the embedded SQLite file (one host owns it), false for PostgreSQL (several nodes may share it) unless
    /// Adal:OnlyWriter says so. Caches that skip reading the database rely on it (<see cref="Features.Requests.RequestViewCache"/>).
    /// </summary>
    public static bool IsOnlyWriter(IConfiguration configuration) => configuration.GetValue<bool?>("Adal:OnlyWriter") ?? !IsSet(configuration.GetConnectionString("Postgres"));

    /// <summary>
    /// The scope's AdalDb comes from a pool of contexts and goes back to it when the scope ends. A status read spent more
    /// CPU on building a context (EF Core's internal service scope, the provider's connection object) than on its SQL.
    /// The pool keeps Adal:DbContextPoolSize contexts (64: as many as registration day keeps busy at once); more are
    /// made, and dropped, when needed; 0 builds a context for every scope.
    /// </summary>
    private static void AddPooledAdalDb<TContext>(this IServiceCollection services, IConfiguration configuration, Action<DbContextOptionsBuilder> configure)
        where TContext : AdalDb
    {
        // Features add their own interceptors as IInterceptor singletons (the status views' change markers).
        void Options(IServiceProvider sp, DbContextOptionsBuilder o) => configure(o.AddInterceptors(BulkRows.Interceptor).AddInterceptors(sp.GetServices<IInterceptor>()));
        var poolSize = configuration.GetValue("Adal:DbContextPoolSize", 64);
        if (poolSize > 0) services.AddPooledDbContextFactory<TContext>(Options, poolSize);
        else services.AddDbContextFactory<TContext>(Options);
        services.AddScoped<AdalDb>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext()
            .Bind(sp.GetRequiredService<TenantContext>(), sp.GetRequiredService<LedgerRecorder>()));
    }

    /// <summary>Applies the provider's migrations; on SQLite also switches to WAL (durable, readers never block the writer).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);
        await Features.Ledger.LedgerRepair.RunAsync(db, ct);
    }
}

// Design-time factories: `dotnet ef migrations add X --context SqliteAdalDb|PostgresAdalDb` use these.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAdalDb>
{
    public SqliteAdalDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAdalDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAdalDb>
{
    public PostgresAdalDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAdalDb>().UseNpgsql("Host=127.0.0.1;Database=design").Options);
}
