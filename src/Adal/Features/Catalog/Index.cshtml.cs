using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Catalog;

public sealed class IndexModel(CatalogProvider catalog) : PageModel
{
    public string? Q { get; private set; }
    public string? Stage { get; private set; }
    public bool InvalidStage { get; private set; }
    public int Total => catalog.Current.Count;
    public IReadOnlyList<ServiceDefinition> Results { get; private set; } = [];

    public void OnGet(string? q, string? stage)
    {
        Q = q?.Length > 200 ? q[..200] : q;
        LifeCycleStage? filter = null;
        if (!string.IsNullOrEmpty(stage))
        {
            if (Enum.TryParse<LifeCycleStage>(stage, ignoreCase: true, out var parsed) && !int.TryParse(stage, out _))
            {
                filter = parsed;
                Stage = CatalogApi.Stage(parsed);
            }
            else InvalidStage = true;
        }
        Results = catalog.Current.Search(Q, filter);
    }
}
