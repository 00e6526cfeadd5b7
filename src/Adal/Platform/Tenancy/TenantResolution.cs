using System.Collections.Concurrent;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Platform.Tenancy;

/// <summary>The universities on the installation (slug → id, id → the university); they change rarely, so they are cached.</summary>
public sealed class TenantDirectory(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, Guid> _bySlug = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Guid, Tenant> _byId = new();

    /// <summary>The university <paramref name="id"/>, read through <paramref name="db"/> the first time; null if there is none.
    /// Every issued document prints its university's name.</summary>
    public async Task<Tenant?> GetAsync(AdalDb db, Guid id, CancellationToken ct)
    {
        if (_byId.TryGetValue(id, out var known)) return known;
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is not null) _byId[id] = tenant;
        return tenant;
    }

    public async Task<Guid?> FindAsync(string slug, CancellationToken ct)
    {
        if (_bySlug.TryGetValue(slug, out var id)) return id;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Slug == slug.ToLower()).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        if (tenant is not null) _bySlug[slug] = tenant.Value;
        return tenant;
    }
}

/// <summary>
/// Chooses the university of each HTTP request: a signed-in user's own (never another, whatever the URL says);
/// otherwise ?tenant=, the X-Adal-Tenant header, or the installation's default university.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, TenantDirectory directory, IConfiguration configuration)
{
    public async Task InvokeAsync(HttpContext http, TenantContext tenant)
    {
        var actor = Actor.From(http.User);
        if (actor is not null)
        {
            tenant.Enter(actor.TenantId, http.User.FindFirst(Actor.TenantSlugClaim)?.Value ?? "");
            await next(http);
            return;
        }
        var slug = http.Request.Query["tenant"].FirstOrDefault()
            ?? http.Request.Headers["X-Adal-Tenant"].FirstOrDefault()
            ?? configuration["Adal:DefaultTenant"] ?? "demo";
        var id = await directory.FindAsync(slug, http.RequestAborted);
        if (id is not null) tenant.Enter(id.Value, slug.ToLowerInvariant());
        // An unknown university leaves the scope without a tenant: every filtered query then returns nothing.
        await next(http);
    }
}
