using Adal.Features.Catalog;
using Adal.Platform;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Admin;

public sealed record DefinitionVersionView(int Version, string ContentHash, DateTime LoadedAt, bool Current);

public sealed record CatalogEntryView(string Slug, string Name, string Stage, int Version, int Steps, bool Automatic);

public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").RequireAuthorization(p => p.AddAuthenticationSchemes(Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenDefaults.AuthenticationScheme).RequireRole(Role.Admin, Role.Auditor))
            .WithTags("Administration");
        api.MapGet("/catalog", (CatalogProvider catalog) => TypedResults.Ok(catalog.Current.All
                .Select(s => new CatalogEntryView(s.Slug, s.Name.In(Languages.Current), CatalogApi.Stage(s.Stage), s.Version, s.Workflow.Count, s.IsAutomatic)).ToList()))
            .WithSummary("Every service definition with its current version");
        api.MapGet("/catalog/{slug}/versions", async (string slug, AdalDb db, CatalogProvider catalog, CancellationToken ct) =>
        {
            var current = catalog.Current.Find(slug);
            var versions = await db.DefinitionVersions.AsNoTracking().Where(v => v.Slug == slug).OrderByDescending(v => v.Version)
                .Select(v => new { v.Version, v.ContentHash, v.LoadedAt }).ToListAsync(ct);
            if (versions.Count == 0) return Problems.NotFound("Problem.UnknownService", Languages.Current).ToResult();
            return TypedResults.Ok(versions.Select(v => new DefinitionVersionView(v.Version, v.ContentHash, v.LoadedAt, current?.Version == v.Version)).ToList());
        }).WithSummary("A definition's version history");
        api.MapGet("/queues", async (AdalDb db, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await QueueState.LoadAsync(db, clock.GetUtcNow().UtcDateTime, ct)))
            .WithSummary("Load and SLA state of every queue and officer");
        return app;
    }
}
