using System.Net;
using System.Text.Json.Nodes;

namespace Adal.Tests.Infrastructure;

/// <summary>Steps the stories share: who got the case, acting on it, as the API offers them.</summary>
public static class Cases
{
    public static readonly string[] Officers = ["officer@demo.local", "officer2@demo.local", "officer3@demo.local"];
    public static readonly string[] Approvers = ["approver@demo.local", "approver2@demo.local"];

    public static object AcademicLeaveFields(string start = "2027-01-15") => new Dictionary<string, object>
    {
        ["leaveReason"] = "medical",
        ["startDate"] = start,
        ["endDate"] = "2027-12-31",
        ["comment"] = "Дәрігерлік-консультациялық комиссияның қорытындысы бойынша",
    };

    /// <summary>Signs in as each candidate and returns the one whose queue holds the case: the system chose, not us.</summary>
    public static async Task<(string Email, HttpClient Client)> AssigneeAsync(AdalApp app, string requestId, IEnumerable<string> candidates)
    {
        foreach (var email in candidates)
        {
            var client = await app.SignedInAsync(email);
            var queue = await (await client.GetAsync("/api/queue")).ReadJsonAsync();
            if (queue.AsArray().Any(item => item!["id"]!.GetValue<string>() == requestId)) return (email, client);
        }
        throw new InvalidOperationException($"Nobody among {string.Join(", ", candidates)} has request {requestId} in their queue.");
    }

    public static async Task<JsonNode> ActAsync(HttpClient client, string requestId, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostJsonAsync($"/api/requests/{requestId}/transitions", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> ApplyAsync(HttpClient client, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostJsonAsync("/api/requests", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
