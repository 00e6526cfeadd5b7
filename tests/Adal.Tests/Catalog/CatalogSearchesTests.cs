using System.Text.Json;
using Adal.Features.Catalog;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Adal.Tests.Catalog;

public sealed class CatalogSearchesTests
{
    private readonly CatalogSearches _searches = new(Options.Create(new HttpJsonOptions()));
    private readonly ServiceCatalog _catalog = new(CatalogLoader.LoadDirectory(CatalogLoaderTests.ShippedCatalog));

    [Fact]
    public void An_answer_given_before_is_the_same_bytes_for_the_same_words_however_typed()
    {
        var first = _searches.Search(_catalog, "Справка с места учёбы", null, "ru");
        Assert.Same(first, _searches.Search(_catalog, "  справка  с места учебы ", null, "ru"));

        var slugs = JsonDocument.Parse(first).RootElement.EnumerateArray().Select(s => s.GetProperty("slug").GetString()).ToList();
        Assert.Equal(_catalog.Search("справка с места учебы").Select(s => s.Slug), slugs);
        Assert.Equal("certificate-of-study", slugs[0]);
    }

    [Fact]
    public void Language_stage_and_the_catalogue_loaded_each_give_their_own_answer()
    {
        var kazakh = _searches.Search(_catalog, "анықтама", null, "kk");
        Assert.NotSame(kazakh, _searches.Search(_catalog, "анықтама", null, "en"));
        Assert.Contains("Білім алушы екендігі туралы анықтама", System.Text.Encoding.UTF8.GetString(kazakh));

        var money = JsonDocument.Parse(_searches.Search(_catalog, null, LifeCycleStage.Money, "en")).RootElement;
        Assert.All(money.EnumerateArray(), s => Assert.Equal("money", s.GetProperty("stage").GetString()));
        Assert.NotEqual(money.GetArrayLength(), JsonDocument.Parse(_searches.Search(_catalog, null, null, "en")).RootElement.GetArrayLength());

        // A reloaded catalogue (an edited service) is searched again, not answered from the old one.
        var reloaded = new ServiceCatalog(CatalogLoader.LoadDirectory(CatalogLoaderTests.ShippedCatalog).Where(d => d.Slug != "certificate-of-study"));
        var after = JsonDocument.Parse(_searches.Search(reloaded, "анықтама", null, "kk")).RootElement;
        Assert.DoesNotContain(after.EnumerateArray(), s => s.GetProperty("slug").GetString() == "certificate-of-study");
    }
}
