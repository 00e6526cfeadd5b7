using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Adal.Tests.Infrastructure;

public static class Json
{
    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
