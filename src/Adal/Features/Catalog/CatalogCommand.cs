using Adal.Features.Sla;

namespace Adal.Features.Catalog;

/// <summary>`adal catalog check [folder]`: what a university runs before committing an edited definition or calendar.</summary>
public static class CatalogCommand
{
    /// <param name="folder">The catalogue folder (holding services/ and calendar.yaml); default: the one shipped beside the binary.</param>
    public static int Check(string? folder)
    {
        var root = folder ?? Path.Combine(AppContext.BaseDirectory, "catalog");
        // Accept the services folder itself too, as people naturally point at it.
        if (Path.GetFileName(Path.TrimEndingDirectorySeparator(root)) == "services") root = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(root))!;
        var failed = false;
        try
        {
            var definitions = CatalogLoader.LoadDirectory(Path.Combine(root, "services"));
            Console.WriteLine($"ok: {definitions.Count} service definitions in {Path.Combine(root, "services")}");
        }
        catch (CatalogException e)
        {
            Console.Error.WriteLine(e.Message);
            failed = true;
        }
        try
        {
            WorkingCalendar.Load(Path.Combine(root, "calendar.yaml"));
            Console.WriteLine($"ok: working calendar {Path.Combine(root, "calendar.yaml")}");
        }
        catch (CalendarException e)
        {
            Console.Error.WriteLine(e.Message);
            failed = true;
        }
        return failed ? 1 : 0;
    }
}
