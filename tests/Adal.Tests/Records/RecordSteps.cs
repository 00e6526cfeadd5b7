using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Tests.Documents;
using Adal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Adal.Tests.Records;

/// <summary>The steps the records stories share, as the API offers them, and what the demo university's record holds.</summary>
internal static partial class RecordSteps
{
    public const string DemoStudent = "2023-FIT-0001";
    public const string CurrentPeriod = "2026-2027-1";
    public const string ClosedPeriod = "2025-2026-2";
    /// <summary>Taught by teacher@demo.local in the current period; the demo student takes it.</summary>
    public const string TeachersCourse = "ISM4105";

    public static async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    public static async Task<JsonNode> ExpectAsync(HttpClient client, string url, object body, HttpStatusCode expected)
    {
        var (status, json) = await PostAsync(client, url, body);
        Assert.True(status == expected, $"expected {expected}, got {(int)status}: {json.ToJsonString()}");
        return json;
    }

    public static async Task<(HttpStatusCode Status, JsonNode Body)> ImportAsync(HttpClient client, string kind, string csv, bool dryRun) =>
        await ImportAsync(client, kind, Encoding.UTF8.GetBytes(csv), dryRun);

    public static async Task<(HttpStatusCode Status, JsonNode Body)> ImportAsync(HttpClient client, string kind, byte[] csv, bool dryRun)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await client.PostAsync($"/api/records/import?kind={kind}&dryRun={(dryRun ? "true" : "false")}", content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>The signed-in teacher's offering of a course in a period, from their gradebook.</summary>
    public static async Task<JsonNode> OfferingAsync(HttpClient teacher, string course, string period)
    {
        var offerings = (await (await teacher.GetAsync("/api/records/gradebook")).ReadJsonAsync()).AsArray();
        return offerings.Single(o => o!["courseCode"]!.GetValue<string>() == course && o["period"]!.GetValue<string>() == period)!;
    }

    public static async Task<JsonArray> SheetAsync(HttpClient client, string offeringId) =>
        (await (await client.GetAsync($"/api/records/offerings/{offeringId}")).ReadJsonAsync())["rows"]!.AsArray();

    public static async Task<JsonNode> TranscriptAsync(HttpClient client, string studentId)
    {
        var response = await client.GetAsync($"/api/records/students/{studentId}/transcript");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static IEnumerable<JsonNode> Courses(JsonNode transcript) =>
        transcript["periods"]!.AsArray().SelectMany(p => p!["courses"]!.AsArray().Select(c => c!));

    public static async Task<string> UserIdAsync(AdalApp app, string email) =>
        await app.InDemoAsync(async (_, db) => (await db.Users.SingleAsync(u => u.Email == email)).Id.ToString());

    public static async Task<(int Grades, long Ledger)> CountsAsync(AdalApp app) =>
        await app.InDemoAsync(async (_, db) => (await db.Grades.CountAsync(),
            (long)(await EntryBundles.RangeAsync(db, await db.LedgerStates.Select(s => s.TenantId).SingleAsync(), 0, long.MaxValue - 1, default)).Count));

    /// <summary>A ledger entry decoded from its stored leaf, with the openings of its commitments.</summary>
    public static async Task<(LedgerEntry Entry, byte[] Leaf, List<(string Field, byte[] Salt, string Value)> Openings)> LedgerEntryAsync(AdalApp app, long index) =>
        await app.InDemoAsync(async (_, db) =>
        {
            var tenant = await db.LedgerStates.Select(s => s.TenantId).SingleAsync();
            var leaf = await EntryBundles.LeafAsync(db, tenant, index, default);
            Assert.NotNull(leaf);
            Assert.True(LedgerEntry.TryDecode(leaf, out var entry, out var problem), problem);
            var openings = (await EntryBundles.OpeningsAsync(db, tenant, index, default)).Select(o => (o.Field, o.Opening.Salt, o.Opening.Value)).ToList();
            return (entry!, leaf, openings);
        });

    /// <summary>The text of a PDF as a reader's software extracts it, runs of white space made one space.</summary>
    public static string PdfText(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("adal-records-pdf-").FullName;
        try
        {
            var path = Path.Combine(folder, "document.pdf");
            File.WriteAllBytes(path, pdf);
            return Spaces().Replace(ExternalTool.Run("pdftotext", "-layout", "-enc", "UTF-8", path, "-"), " ");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
