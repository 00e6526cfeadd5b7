using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Adal.Features.Catalog;

/// <summary>
/// The loaded catalogue: an immutable snapshot, looked up by slug and searched in memory. Searching 500+
/// definitions is a scan over precomputed lower-case text, microseconds, so there is no index to keep in sync.
/// </summary>
public sealed class ServiceCatalog
{
    private readonly FrozenDictionary<string, Entry> _bySlug;
    private readonly Entry[] _ordered;

    private sealed record Entry(ServiceDefinition Definition, string NameText, string AllText);

    public ServiceCatalog(IEnumerable<ServiceDefinition> definitions)
    {
        _ordered = definitions
            .OrderBy(d => d.Stage).ThenBy(d => d.Name.En, StringComparer.Ordinal)
            .Select(d => new Entry(d,
                Fold($"{d.Name.Kk} {d.Name.Ru} {d.Name.En} {d.Slug}"),
                Fold($"{d.Name.Kk} {d.Name.Ru} {d.Name.En} {d.Slug} {d.Description.Kk} {d.Description.Ru} {d.Description.En}")))
            .ToArray();
        _bySlug = _ordered.ToFrozenDictionary(e => e.Definition.Slug, StringComparer.Ordinal);
    }

    public int Count => _ordered.Length;

    public IEnumerable<ServiceDefinition> All => _ordered.Select(e => e.Definition);

    public ServiceDefinition? Find(string slug) => _bySlug.TryGetValue(slug, out var e) ? e.Definition : null;

    /// <summary>
    /// Every word of the query must occur (in any of the three languages, ignoring case and ё/е);
    /// services whose name matches come before those that match only in the description.
    /// </summary>
    public IReadOnlyList<ServiceDefinition> Search(string? query, LifeCycleStage? stage = null)
    {
        var words = Words(query);
        var results = new List<(ServiceDefinition Definition, int Score)>();
        foreach (var entry in _ordered)
        {
            if (stage is not null && entry.Definition.Stage != stage) continue;
            if (!words.All(w => entry.AllText.Contains(w, StringComparison.Ordinal))) continue;
            var score = words.Count(w => entry.NameText.Contains(w, StringComparison.Ordinal));
            results.Add((entry.Definition, score));
        }
        return results.OrderByDescending(r => r.Score).Select(r => r.Definition).ToList();
    }

    /// <summary>The query's words as searched: folded, split at spaces.</summary>
    internal static string[] Words(string? query) =>
        Fold(query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Lower-case, ё→е, punctuation to spaces: what a student types rarely matches the exact spelling.</summary>
    internal static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLower(CultureInfo.InvariantCulture))
            sb.Append(c switch { 'ё' => 'е', _ when char.IsLetterOrDigit(c) => c, _ => ' ' });
        return sb.ToString();
    }
}
