using System.Data.Common;
using System.Diagnostics;
using Adal.Features.Catalog;
using Adal.Features.Requests;
using Adal.Features.Seeding;
using Adal.Features.University;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Adal.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Adal.Bench.Load;

/// <summary>Who the load signs in as: every account shares <see cref="RegistrationDaySeed.Password"/>.</summary>
internal sealed record LoadAccounts(IReadOnlyList<string> Students, IReadOnlyDictionary<string, string[]> StaffByRole);

internal sealed record SeedResult(LoadAccounts Accounts, TimeSpan HostPreparation, TimeSpan People, TimeSpan History, long RowsWritten, long LedgerSize);

/// <summary>
/// Registration day's database: the host's own start-up (migrations, catalogue versions, the demo university),
/// then, through the host's model, N students and the staff a university of that size has, all with accounts,
/// and M past requests with their transitions and ledger entries.
/// </summary>
internal static class RegistrationDaySeed
{
    /// <summary>Not a known password (production refuses the demo's); one PBKDF2 hash serves every seeded account.</summary>
    public const string Password = "Registration-day-load-2026!";

    private const int HistoryChunk = 5_000;

    public static async Task<SeedResult> SeedAsync(LoadDatabase database, string adalDirectory, int studentCount, int pastRequests)
    {
        var watch = Stopwatch.StartNew();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production, ContentRootPath = adalDirectory, ApplicationName = "adal",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [database.ConnectionStringKey] = database.ConnectionString,
            ["Adal:SeedDemo"] = "true",
            ["Adal:SlaWatch"] = "false",
            ["Adal:KeysPath"] = database.KeysPath,
            ["Adal:CatalogPath"] = Path.Combine(adalDirectory, "catalog"),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddAdal();
        await using var app = builder.Build();
        await app.PrepareAsync();
        var preparation = watch.Elapsed;

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == DemoUniversity.Slug);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.Id, tenant.Slug);
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        if (!database.IsPostgres) await Execute(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"); // seeding only: the server opens its own connections

        watch.Restart();
        var ledger = await LedgerSeeder.OpenAsync(db, connection, tenant.Id);
        var people = new UniversityPeople(db, connection, tenant.Id, DateTime.UtcNow, PasswordChecks.Hash(Password));
        var accounts = await people.SeedAsync(studentCount, ledger);
        var peopleTime = watch.Elapsed;
        Console.WriteLine($"  {studentCount:N0} students and {accounts.StaffByRole.Values.Sum(a => a.Length):N0} staff in {peopleTime.TotalSeconds:F1} s");

        watch.Restart();
        var catalog = app.Services.GetRequiredService<CatalogProvider>().Current;
        var services = catalog.All.Where(s => s.Eligibility.Contains("enrolled-student") && s.Workflow.Count > 0).ToList();
        var staff = await StaffPoolsAsync(db);
        var factory = new PastRequestFactory(services, people.Students, staff, tenant.Id, tenant.Slug, DateTime.UtcNow, new Random(2026_09_01));
        using var requests = new ModelTableWriter<ServiceRequest>(db, connection);
        using var transitions = new ModelTableWriter<RequestTransition>(db, connection);
        for (var done = 0; done < pastRequests; done += HistoryChunk)
        {
            var count = Math.Min(HistoryChunk, pastRequests - done);
            var batch = new List<ServiceRequest>(count);
            var moves = new List<RequestTransition>(count * 6);
            for (var i = 0; i < count; i++) batch.Add(factory.Create(moves, ledger));
            await using var transaction = await connection.BeginTransactionAsync();
            requests.Write(batch, transaction);
            transitions.Write(moves, transaction);
            ledger.Flush(transaction);
            await transaction.CommitAsync();
            if ((done / HistoryChunk) % 40 == 39)
                Console.WriteLine($"  {done + count:N0} past requests ({watch.Elapsed.TotalSeconds:F0} s)");
        }
        await ledger.FinishAsync(connection);
        if (database.IsPostgres) await Execute(connection, "ANALYZE"); // autovacuum would have analysed a database this size long ago
        else await Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        var history = watch.Elapsed;
        Console.WriteLine($"  {pastRequests:N0} past requests, {transitions.Written:N0} transitions, ledger of {ledger.Size:N0} entries in {history.TotalSeconds:F1} s");
        return new SeedResult(accounts, preparation, peopleTime, history,
            people.RowsWritten + requests.Written + transitions.Written + ledger.RowsWritten, ledger.Size);
    }

    /// <summary>Everyone the system may assign a step to, by role, with the name a transition records.</summary>
    private static async Task<Dictionary<string, Person[]>> StaffPoolsAsync(AdalDb db)
    {
        var roles = Role.Staff.ToArray();
        var grants = await db.UserRoles.Where(r => roles.Contains(r.Role))
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r.Role, u.Id, u.FullName }).ToListAsync();
        return grants.GroupBy(g => g.Role).ToDictionary(g => g.Key, g => g.Select(x => new Person(x.Id, x.FullName)).ToArray());
    }

    internal static async Task Execute(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
