using System.Net.Http.Headers;
using System.Net.Http.Json;
using Adal.Features.Sla;
using Adal.Platform;
using Adal.Platform.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Adal.Tests.Infrastructure;

public enum Database { Sqlite, Postgres }

/// <summary>
/// The real host over HTTP, on a real database: a fresh SQLite file, or a fresh database on the PostgreSQL server
/// that ./test.sh starts (ADAL_TEST_POSTGRES). Time is a FakeTimeProvider and randomness seeded, so SLA and
/// assignment tests are exact. The demo university is seeded as in Development.
/// </summary>
public class AdalApp : WebApplicationFactory<Program>
{
    /// <summary>Monday 23 November 2026, 10:00 in Almaty: a working day, in working hours.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 5, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("adal-test-").FullName;
    private readonly string? _postgresDatabase;
    private readonly string _connectionString;

    public Database Database { get; }
    public FakeTimeProvider Clock { get; } = new(Start);
    public Dictionary<string, string?> Settings { get; } = new();
    public IRandomSource Random { get; set; } = new SeededRandomSource(7);

    public AdalApp() : this(Database.Sqlite) { }

    protected AdalApp(Database database)
    {
        Database = database;
        if (database == Database.Sqlite)
        {
            _connectionString = $"Data Source={Path.Combine(_folder, "adal.db")}";
            return;
        }
        var server = Environment.GetEnvironmentVariable("ADAL_TEST_POSTGRES")
            ?? throw new InvalidOperationException("ADAL_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL.");
        _postgresDatabase = $"adal_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {_postgresDatabase}", connection);
            create.ExecuteNonQuery();
        }
        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _postgresDatabase }.ConnectionString;
    }

    public string ConnectionString => _connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting(Database == Database.Sqlite ? "ConnectionStrings:Sqlite" : "ConnectionStrings:Postgres", _connectionString);
        builder.UseSetting("Adal:SlaWatch", "false");
        builder.UseSetting("Adal:SignInPerMinute", "10000");
        builder.UseSetting("Adal:PublicBaseUrl", "http://127.0.0.1:5000");
        builder.UseSetting("Adal:KeysPath", Path.Combine(_folder, "keys"));
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<IRandomSource>();
            services.AddSingleton(_ => Random);
        });
    }

    /// <summary>A client signed in through the API as one of the demo accounts.</summary>
    public async Task<HttpClient> SignedInAsync(string email, string language = "en")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = AccountSignIn.DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public SlaWatch SlaWatch => Service<SlaWatch>();

    private sealed record TokenResponse(string AccessToken);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ADAL_TEST_POSTGRES"));
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

public sealed class PostgresApp() : AdalApp(Database.Postgres);
