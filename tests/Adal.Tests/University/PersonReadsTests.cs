using System.Text.Json;
using Adal.Features.University;
using Adal.Platform.Tenancy;
using Adal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adal.Tests.University;

/// <summary>
/// On SQLite the applicant's query runs as a statement kept prepared on the native connection, materialised by hand:
/// it must read every person exactly as the EF Core query does.
/// </summary>
public sealed class PersonReadsTests(AdalApp app) : IClassFixture<AdalApp>
{
    [Fact]
    public async Task The_kept_SQLite_statement_reads_every_person_as_EF_Core_does()
    {
        var compared = await app.InDemoAsync(async (services, db) =>
        {
            var tenantId = services.GetRequiredService<TenantContext>().TenantId!.Value;
            var ids = await db.Users.Select(u => u.Id).ToListAsync();
            ids.Add(Guid.NewGuid());
            var students = 0;
            foreach (var id in ids)
            {
                // A scope of its own for each read: PersonReads keeps what it read for its scope.
                await using var scope = services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, "demo");
                var people = scope.ServiceProvider.GetRequiredService<PersonReads>();
                var kept = await people.FindAsync(id, default);
                var efCore = await people.FindWithEfCoreAsync(id, default);
                Assert.Equal(Comparable(efCore), Comparable(kept));
                if (kept?.Programme is not null && kept.Faculty is not null && kept.Student?.Iin is not null) students++;
            }
            Assert.Null(await ReadInScopeAsync(services, tenantId, ids[^1]));
            return (ids.Count, students);
        });
        Assert.True(compared.Count > 20, $"{compared.Count} people compared");
        Assert.True(compared.students > 5, $"{compared.students} students with a programme, a faculty and an IIN");
    }

    [Fact]
    public async Task A_person_of_another_university_is_not_found_and_reads_survive_the_pool_being_cleared()
    {
        var (student, tenantId) = await app.InDemoAsync(async (services, db) =>
            (await db.Students.Select(s => s.UserId).FirstAsync(), services.GetRequiredService<TenantContext>().TenantId!.Value));

        Assert.Null(await ReadInScopeAsync(app.Services, Guid.NewGuid(), student));
        Assert.NotNull(await ReadInScopeAsync(app.Services, tenantId, student));
        // The pool closes its native connections: their kept statements go with them, and new ones are prepared.
        SqliteConnection.ClearAllPools();
        for (var i = 0; i < 3; i++) Assert.NotNull(await ReadInScopeAsync(app.Services, tenantId, student));
    }

    private static async Task<Person?> ReadInScopeAsync(IServiceProvider services, Guid tenantId, Guid userId)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, "any");
        return await scope.ServiceProvider.GetRequiredService<PersonReads>().FindAsync(userId, default);
    }

    private static string Comparable(Person? person) =>
        JsonSerializer.Serialize(person is null ? null : person with { Roles = new SortedSet<string>(person.Roles, StringComparer.Ordinal) });
}
