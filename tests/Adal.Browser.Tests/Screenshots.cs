using Microsoft.Playwright;

namespace Adal.Browser.Tests;

/// <summary>
/// What each step looked like, kept as evidence: in the test output folder's <c>screenshots/</c>, and copied to
/// <c>&lt;repo&gt;/test-output/screenshots</c> when <c>test-output</c> exists (test.sh makes it), so CI keeps them.
/// With ADAL_UPDATE_DOCS_SCREENSHOTS=1 the pictures the documentation shows are refreshed in docs/screenshots.
/// </summary>
public sealed class Screenshots
{
    private readonly string _folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private readonly string? _repository = FindRepository();

    public Screenshots()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        Directory.CreateDirectory(_folder);
    }

    public string Folder => _folder;

    /// <summary>The whole page as the phone would scroll through it, or only the screen for very long pages; returns the file.</summary>
    public async Task<string> TakeAsync(IPage page, string name, bool fullPage = true)
    {
        var file = Path.Combine(_folder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = fullPage });
        Keep(file);
        return file;
    }

    /// <summary>Keeps another artefact (the issued PDF) beside the screenshots.</summary>
    public string Keep(string name, byte[] content)
    {
        var file = Path.Combine(_folder, name);
        File.WriteAllBytes(file, content);
        Keep(file);
        return file;
    }

    /// <summary>Refreshes a picture under docs/screenshots, only when asked: a test run does not rewrite tracked files.</summary>
    public void Document(string file, string docsName)
    {
        if (_repository is null || Environment.GetEnvironmentVariable("ADAL_UPDATE_DOCS_SCREENSHOTS") != "1") return;
        var docs = Path.Combine(_repository, "docs", "screenshots");
        Directory.CreateDirectory(docs);
        File.Copy(file, Path.Combine(docs, docsName), overwrite: true);
    }

    private void Keep(string file)
    {
        if (_repository is null || !Directory.Exists(Path.Combine(_repository, "test-output"))) return;
        var ci = Path.Combine(_repository, "test-output", "screenshots");
        Directory.CreateDirectory(ci);
        File.Copy(file, Path.Combine(ci, Path.GetFileName(file)), overwrite: true);
    }

    /// <summary>The clone the tests were built from: the nearest folder above the binaries holding Adal.slnx.</summary>
    private static string? FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Adal.slnx"))) return folder.FullName;
        return null;
    }
}
