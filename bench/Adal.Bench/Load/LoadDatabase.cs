using Microsoft.Data.Sqlite;
using Npgsql;

namespace Adal.Bench.Load;

/// <summary>
/// A fresh database for one run and the scratch folder beside it (signing keys, the server's log, the storage
/// ceiling's scratch file): a new SQLite file, or a new database on the given PostgreSQL server. Dropped at the end.
/// </summary>
internal sealed class LoadDatabase : IDisposable
{
    private readonly string? _postgresServer;
    private readonly string? _postgresDatabase;
    private readonly bool _keep;

    private LoadDatabase(string folder, bool isPostgres, string connectionString, string? server, string? database, bool keep)
    {
        Folder = folder;
        IsPostgres = isPostgres;
        ConnectionString = connectionString;
        _postgresServer = server;
        _postgresDatabase = database;
        _keep = keep;
    }

    public string Folder { get; }
    public bool IsPostgres { get; }
    public string ConnectionString { get; }
    public string KeysPath => Path.Combine(Folder, "keys");
    public string Name => IsPostgres ? "PostgreSQL" : "SQLite";

    /// <summary>The host's configuration keys for this database (ConnectionStrings:Sqlite or ConnectionStrings:Postgres).</summary>
    public string ConnectionStringKey => IsPostgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite";

    public static LoadDatabase Create(string? postgresServer, bool keep)
    {
        var folder = Directory.CreateTempSubdirectory("adal-load-").FullName;
        if (postgresServer is null)
            return new LoadDatabase(folder, false, $"Data Source={Path.Combine(folder, "adal.db")}", null, null, keep);
        var database = $"adal_load_{Guid.NewGuid():N}"[..24];
        using (var connection = new NpgsqlConnection(postgresServer))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            create.ExecuteNonQuery();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(postgresServer) { Database = database }.ConnectionString;
        return new LoadDatabase(folder, true, connectionString, postgresServer, database, keep);
    }

    /// <summary>A second, empty database on the same storage for the storage ceiling: a file beside the main one, or a database on the same server.</summary>
    public string CreateScratch()
    {
        if (!IsPostgres) return $"Data Source={Path.Combine(Folder, "ceiling.db")};Pooling=False";
        using (var connection = new NpgsqlConnection(_postgresServer))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {_postgresDatabase}_ceiling", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(_postgresServer) { Database = $"{_postgresDatabase}_ceiling" }.ConnectionString;
    }

    /// <summary>What the server holds on disk at the end: the SQLite file and its WAL, or the PostgreSQL database's size.</summary>
    public long SizeBytes()
    {
        if (!IsPostgres)
            return Directory.EnumerateFiles(Folder, "adal.db*").Sum(f => new FileInfo(f).Length);
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)size.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_keep)
        {
            Console.WriteLine($"Kept {Folder}{(_postgresDatabase is null ? "" : $" and database {_postgresDatabase}")}");
            return;
        }
        if (_postgresDatabase is not null)
        {
            try
            {
                using var connection = new NpgsqlConnection(_postgresServer);
                connection.Open();
                foreach (var name in new[] { _postgresDatabase, _postgresDatabase + "_ceiling" })
                {
                    using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                    drop.ExecuteNonQuery();
                }
            }
            catch (NpgsqlException e)
            {
                Console.Error.WriteLine($"Could not drop {_postgresDatabase}: {e.Message}");
            }
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"Could not delete {Folder}: {e.Message}");
        }
    }
}
