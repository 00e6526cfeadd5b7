using System.Net;
using System.Text.Json.Nodes;
using Adal.Tests.Infrastructure;

namespace Adal.Tests.Platform;

/// <summary>/api/ping is the load benchmark's ceiling: the same pipeline and bearer authentication as the API, no database.</summary>
public sealed class PingTests(AdalApp app) : IClassFixture<AdalApp>
{
    [Fact]
    public async Task Ping_answers_a_signed_in_caller_and_refuses_anyone_else()
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/ping")).StatusCode);

        var student = await app.SignedInAsync("student@demo.local");
        var response = await student.GetAsync("/api/ping");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.ReadJsonAsync())["ok"]!.GetValue<bool>());

        var openApi = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        Assert.False(string.IsNullOrWhiteSpace(openApi["paths"]!["/api/ping"]!["get"]!["summary"]!.GetValue<string>()));
    }
}
