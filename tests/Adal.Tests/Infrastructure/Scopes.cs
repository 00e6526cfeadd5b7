using Adal.Features.Seeding;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adal.Tests.Infrastructure;

public static class Scopes
{
    /// <summary>Runs code inside the demo university, as a background job would: a scope with its tenant entered.</summary>
    public static async Task<T> InDemoAsync<T>(this AdalApp app, Func<IServiceProvider, AdalDb, Task<T>> work)
    {
        _ = app.Server;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == DemoUniversity.Slug);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.Id, tenant.Slug);
        return await work(scope.ServiceProvider, db);
    }

    public static async Task<Actor> ActorAsync(AdalDb db, string email)
    {
        var user = await db.Users.Include(u => u.Roles).SingleAsync(u => u.Email == email);
        return new Actor(user.Id, user.TenantId, user.FullName, user.Roles.Select(r => r.Role).ToHashSet(), user.PreferredLanguage);
    }
}
