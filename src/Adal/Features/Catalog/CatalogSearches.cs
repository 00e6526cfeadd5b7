using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Adal.Features.Catalog;

/// <summary>
/// Catalogue searches already answered, as JSON. The catalogue is public and the same for every reader, and on
/// registration day thousands of students type the same few words ("справка", "анықтама", "transcript"): the answer
/// depends only on the catalogue loaded, the folded words, the stage and the language, so it is kept per catalogue
/// (a reloaded catalogue starts afresh). Bounded: at most <see cref="MaxAnswers"/> answers; when full it starts over.
/// </summary>
public sealed class CatalogSearches(IOptions<HttpJsonOptions> json)
{
    public const int MaxAnswers = 4096;

    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;
    private Answers _answers = new(null);

    private sealed class Answers(ServiceCatalog? catalog)
    {
        public ServiceCatalog? Catalog { get; } = catalog;
        public ConcurrentDictionary<(string Words, LifeCycleStage? Stage, string Language), byte[]> Json { get; } = new();
    }

    /// <summary>The services matching <paramref name="query"/> (and <paramref name="stage"/>) as the JSON list of their summaries in <paramref name="language"/>.</summary>
    public byte[] Search(ServiceCatalog catalog, string? query, LifeCycleStage? stage, string language)
    {
        var answers = _answers;
        if (answers.Catalog != catalog) _answers = answers = new Answers(catalog);
        var key = (string.Join(' ', ServiceCatalog.Words(query)), stage, language);
        if (answers.Json.TryGetValue(key, out var found)) return found;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(catalog.Search(query, stage).Select(s => CatalogApi.Summary(s, language)).ToList(), _options);
        if (answers.Json.Count >= MaxAnswers) answers.Json.Clear();
        answers.Json[key] = bytes;
        return bytes;
    }
}
