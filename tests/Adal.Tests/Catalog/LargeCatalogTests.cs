using System.Net;
using Adal.Features.Catalog;
using Adal.Tests.Infrastructure;

namespace Adal.Tests.Catalog;

/// <summary>A university with 500+ services: 600 generated definitions load, serve and search like the shipped ones.</summary>
public sealed class LargeCatalogApp : AdalApp
{
    public const int Count = 600;
    public string Folder { get; } = Directory.CreateTempSubdirectory("adal-large-catalog-").FullName;

    public LargeCatalogApp()
    {
        var services = Directory.CreateDirectory(Path.Combine(Folder, "services")).FullName;
        var shipped = Directory.GetFiles(CatalogLoaderTests.ShippedCatalog, "*.yaml").Order().ToArray();
        for (var i = 0; i < Count; i++)
        {
            var source = shipped[i % shipped.Length];
            var slug = Path.GetFileNameWithoutExtension(source);
            var copy = i < shipped.Length ? slug : $"{slug}-{i}";
            File.WriteAllText(Path.Combine(services, copy + ".yaml"), File.ReadAllText(source).Replace($"slug: {slug}\n", $"slug: {copy}\n"));
        }
        File.Copy(Path.Combine(AppContext.BaseDirectory, "catalog", "calendar.yaml"), Path.Combine(Folder, "calendar.yaml"));
        Settings["Adal:CatalogPath"] = Folder;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

public sealed class LargeCatalogTests(LargeCatalogApp app) : IClassFixture<LargeCatalogApp>
{
    [Fact]
    public async Task Six_hundred_definitions_load_serve_and_search()
    {
        var client = app.CreateClient();
        var all = (await (await client.GetAsync("/api/services?lang=en")).ReadJsonAsync()).AsArray();
        Assert.Equal(LargeCatalogApp.Count, all.Count);
        var found = (await (await client.GetAsync("/api/services?lang=ru&q=общежитие")).ReadJsonAsync()).AsArray();
        Assert.True(found.Count >= 5, $"{found.Count} dormitory services among 600");
        var last = all[^1]!["slug"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/services/{last}")).StatusCode);
        Assert.Equal(LargeCatalogApp.Count, app.Service<CatalogProvider>().Current.Count);
    }
}
