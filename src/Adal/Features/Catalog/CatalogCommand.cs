namespace Adal.Features.Catalog;

/// <summary>`adal catalog check [folder]`: what a university runs before committing an edited definition.</summary>
public static class CatalogCommand
{
    public static int Check(string? folder)
    {
        var directory = folder ?? Path.Combine(AppContext.BaseDirectory, "catalog", "services");
        try
        {
            var definitions = CatalogLoader.LoadDirectory(directory);
            Console.WriteLine($"ok: {definitions.Count} service definitions in {directory}");
            return 0;
        }
        catch (CatalogException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
