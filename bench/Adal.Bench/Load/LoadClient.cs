using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Adal.Bench.Load;

/// <summary>
/// HTTP to the host as a browser or a mobile app would speak it: keep-alive connections (at most one per
/// worker), a bearer token per person, JSON bodies. Each call is timed from send to the last byte of the body;
/// any status other than the expected one, or no answer within 30 s, is an error.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;

    public LoadClient(Uri baseAddress, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Task<JsonDocument?> GetAsync(WorkerLog log, string operation, string path, string? token, string? language = null) =>
        SendAsync(log, operation, HttpMethod.Get, path, token, null, HttpStatusCode.OK, language);

    public Task<JsonDocument?> PostAsync(WorkerLog log, string operation, string path, string? token, object body, HttpStatusCode expected, string? language = null) =>
        SendAsync(log, operation, HttpMethod.Post, path, token, JsonSerializer.SerializeToUtf8Bytes(body, Web), expected, language);

    private async Task<JsonDocument?> SendAsync(WorkerLog log, string operation, HttpMethod method, string path, string? token, byte[]? body,
        HttpStatusCode expected, string? language)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (language is not null) request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        if (body is not null) request.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (response.StatusCode != expected)
            {
                log.Fail(operation, $"{method} {path} → {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
                return null;
            }
            var document = bytes.Length == 0 ? null : JsonDocument.Parse(bytes);
            log.Record(operation, elapsed);
            return document;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            log.Fail(operation, $"{method} {path} → {e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
