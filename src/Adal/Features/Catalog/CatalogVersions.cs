using System.Collections.Concurrent;
using System.Text;
using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Catalog;

/// <summary>
/// Records each definition file's content the first time the platform serves it, numbering versions per slug,
/// and reads any past version back, so a request is always processed under the definition it was submitted with.
/// </summary>
public sealed class CatalogVersions(IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Slug, int Version), ServiceDefinition> _past = new();

    /// <summary>Stores new contents and returns the catalogue with each definition's current version number.</summary>
    public async Task<(ServiceCatalog Catalog, IReadOnlyList<ServiceDefinition> Changed)> RecordAsync(string directory, IReadOnlyList<ServiceDefinition> loaded, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
        var latest = (await db.DefinitionVersions
                .Select(v => new { v.Slug, v.Version, v.ContentHash })
                .ToListAsync(ct))
            .GroupBy(v => v.Slug)
            .ToDictionary(g => g.Key, g => g.MaxBy(v => v.Version)!);
        var now = clock.GetUtcNow().UtcDateTime;
        var current = new List<ServiceDefinition>(loaded.Count);
        var changed = new List<ServiceDefinition>();
        foreach (var definition in loaded)
        {
            if (latest.TryGetValue(definition.Slug, out var last) && last.ContentHash == definition.ContentHash)
            {
                current.Add(definition with { Version = last.Version });
                continue;
            }
            var version = (last?.Version ?? 0) + 1;
            db.DefinitionVersions.Add(new ServiceDefinitionVersion
            {
                Slug = definition.Slug,
                Version = version,
                ContentHash = definition.ContentHash,
                Content = await File.ReadAllTextAsync(Path.Combine(directory, definition.Slug + ".yaml"), Encoding.UTF8, ct),
                LoadedAt = now,
            });
            current.Add(definition with { Version = version });
            changed.Add(definition with { Version = version });
        }
        await db.SaveChangesAsync(ct);
        return (new ServiceCatalog(current), changed);
    }

    /// <summary>A new version of a definition is a catalogue change every university's ledger records.</summary>
    public static async Task RecordInLedgersAsync(IServiceProvider services, IReadOnlyList<ServiceDefinition> changed, CancellationToken ct)
    {
        if (changed.Count == 0) return;
        List<(Guid Id, string Slug)> tenants;
        await using (var scope = services.CreateAsyncScope())
            tenants = (await scope.ServiceProvider.GetRequiredService<AdalDb>().Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(ct))
                .Select(t => (t.Id, t.Slug)).ToList();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var (id, slug) in tenants)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(id, slug);
            var ledger = scope.ServiceProvider.GetRequiredService<LedgerRecorder>();
            foreach (var definition in changed)
                ledger.Record(new LedgerDraft(LedgerEventTypes.CatalogChanged, now)
                    .Text("service", definition.Slug).Integer("version", definition.Version).Bytes("sha256", Convert.FromHexString(definition.ContentHash)));
            await scope.ServiceProvider.GetRequiredService<AdalDb>().SaveChangesAsync(ct);
        }
    }

    /// <summary>The definition a request was submitted under: the current one, or a past version from the database.</summary>
    public async Task<ServiceDefinition?> FindAsync(AdalDb db, ServiceCatalog catalog, string slug, int version, CancellationToken ct)
    {
        var current = catalog.Find(slug);
        if (current?.Version == version) return current;
        if (_past.TryGetValue((slug, version), out var cached)) return cached;
        var stored = await db.DefinitionVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.Slug == slug && v.Version == version, ct);
        if (stored is null) return null;
        var errors = new List<string>();
        var parsed = CatalogLoader.Parse(Encoding.UTF8.GetBytes(stored.Content), slug + ".yaml", errors);
        if (parsed is null) return null;
        return _past.GetOrAdd((slug, version), parsed with { Version = version });
    }
}
