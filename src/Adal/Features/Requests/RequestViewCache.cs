using System.Collections.Concurrent;
using System.Text.Json;
using Adal.Platform.Identity;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Adal.Features.Requests;

/// <summary>
/// Status views already written as JSON, one per request, each valid for one revision of its request. A status read
/// still reads the request's row (the tenant filter, who may see it, its current revision), but when nothing has moved
/// since the last read it answers with the stored bytes instead of reading the timeline and attachments and
/// serialising again: on registration day a student checks the same few requests over and over.
/// Every change to a request raises its revision (<see cref="RequestWorkflow"/> records each move), so a stored view
/// is never served for a request that changed, whichever process changed it.
/// Memory is bounded: two generations of at most <see cref="GenerationBytes"/> each; a view read from the older one is
/// kept, the rest of the older generation is dropped when the young one fills.
/// </summary>
public sealed class RequestViewCache(IOptions<HttpJsonOptions> json)
{
    public const long GenerationBytes = 2L << 20;

    /// <summary>What minimal APIs answer with for a JSON body; a stored view goes out with the same.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    private sealed record Entry(int Revision, string Language, bool StaffView, byte[] Json);

    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;
    private readonly Lock _turnover = new();
    private ConcurrentDictionary<Guid, Entry> _young = new();
    private ConcurrentDictionary<Guid, Entry> _old = new();
    private long _youngBytes;

    /// <summary>The stored view of <paramref name="request"/> as it stands, in <paramref name="language"/>, for
    /// <paramref name="viewer"/>'s audience (staff see officers' names, applicants see roles); null when there is none.</summary>
    public byte[]? Find(ServiceRequest request, Actor viewer, string language)
    {
        var staffView = RequestViews.ShowsNames(viewer, request);
        if (!_young.TryGetValue(request.Id, out var entry))
        {
            if (!_old.TryGetValue(request.Id, out entry)) return null;
            Keep(request.Id, entry);
        }
        return entry.Revision == request.Revision && entry.Language == language && entry.StaffView == staffView ? entry.Json : null;
    }

    /// <summary>Writes <paramref name="view"/> as JSON, keeps it for the next read of the same revision, and returns it.</summary>
    public byte[] Store(ServiceRequest request, Actor viewer, string language, RequestView view)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(view, _options);
        Keep(request.Id, new Entry(request.Revision, language, RequestViews.ShowsNames(viewer, request), bytes));
        return bytes;
    }

    /// <summary>A view's JSON as the response body.</summary>
    public static IResult Respond(byte[] json, int status = StatusCodes.Status200OK) => new JsonBody(json, status);

    private sealed class JsonBody(byte[] json, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = ContentType;
            http.Response.ContentLength = json.Length;
            return http.Response.Body.WriteAsync(json, http.RequestAborted).AsTask();
        }
    }

    private void Keep(Guid id, Entry entry)
    {
        _young[id] = entry;
        if (Interlocked.Add(ref _youngBytes, entry.Json.Length) <= GenerationBytes) return;
        lock (_turnover)
        {
            if (Interlocked.Read(ref _youngBytes) <= GenerationBytes) return;
            _old = _young;
            _young = new ConcurrentDictionary<Guid, Entry>();
            Interlocked.Exchange(ref _youngBytes, 0);
        }
    }
}
