namespace Adal.Features.Catalog;

/// <summary>Holds the catalogue loaded at start-up; every slice reads <see cref="Current"/>.</summary>
public sealed class CatalogProvider
{
    private ServiceCatalog? _current;

    public ServiceCatalog Current => _current ?? throw new InvalidOperationException("The catalogue is loaded at start-up, before requests are served.");

    internal void Set(ServiceCatalog catalog) => _current = catalog;
}
