using System.Net;
using Adal.Features.University;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Adal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adal.Tests.Platform;

public abstract class TenancyAndMigrationsTests<TApp>(TApp app) where TApp : AdalApp
{
    [Fact]
    public async Task Migrations_are_applied_and_match_the_model()
    {
        _ = app.Server;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run scripts/add-migration.sh");
        Assert.Equal(app.Database == Database.Sqlite, db.Database.IsSqlite());
    }

    [Fact]
    public async Task One_university_never_sees_anothers_requests_documents_or_people()
    {
        var student = await app.SignedInAsync("student@demo.local");
        var request = await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = "visa", copies = 1 } });
        var id = request["id"]!.GetValue<string>();
        var number = request["documentNumber"]!.GetValue<string>();

        // A second university on the same installation, with its own administrator.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
            if (!await db.Tenants.AnyAsync(t => t.Slug == "other"))
            {
                var tenant = new Tenant { Id = Guid.NewGuid(), Slug = "other", NameKk = "Басқа университет", NameRu = "Другой университет", NameEn = "Other University", CreatedAt = DateTime.UtcNow };
                db.Tenants.Add(tenant);
                var adminId = Guid.NewGuid();
                db.Users.Add(new User
                {
                    Id = adminId, TenantId = tenant.Id, Email = "admin@other.local", FullName = "Other Admin", PasswordHash = PasswordChecks.Hash(AccountSignIn.DemoPassword),
                    Roles = [new UserRole { UserId = adminId, Role = Role.Admin, TenantId = tenant.Id }, new UserRole { UserId = adminId, Role = Role.Auditor, TenantId = tenant.Id }],
                });
                await db.SaveChangesAsync();
            }
        }
        var other = await app.SignedInAsync("admin@other.local");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/requests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/documents/{number}")).StatusCode);
        await Cases.ActAsync(other, id, new { action = "withdraw" }, HttpStatusCode.NotFound);
        var queues = await (await other.GetAsync("/api/admin/queues")).ReadJsonAsync();
        Assert.All(queues.AsArray(), q => Assert.Empty(q!["officers"]!.AsArray()));
        // Public verification still works across universities: the number itself names the issuer.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/api/verify/{number}")).StatusCode);

        await using var check = app.Services.CreateAsyncScope();
        var otherTenant = await check.ServiceProvider.GetRequiredService<AdalDb>().Tenants.SingleAsync(t => t.Slug == "other");
        check.ServiceProvider.GetRequiredService<TenantContext>().Enter(otherTenant.Id, "other");
        var scoped = check.ServiceProvider.GetRequiredService<AdalDb>();
        Assert.Equal(0, await scoped.Set<Student>().CountAsync());
        Assert.Equal(1, await scoped.Users.CountAsync());
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/requests/{id}/transitions", openApi);
        Assert.Contains("/api/auth/login", openApi);
    }
}

public sealed class TenancyAndMigrationsOnSqlite(AdalApp app) : TenancyAndMigrationsTests<AdalApp>(app), IClassFixture<AdalApp>;

public sealed class TenancyAndMigrationsOnPostgres(PostgresApp app) : TenancyAndMigrationsTests<PostgresApp>(app), IClassFixture<PostgresApp>;
