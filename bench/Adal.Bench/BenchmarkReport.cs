using System.Runtime.InteropServices;
using System.Text;

namespace Adal.Bench;

/// <summary>
/// Writes one suite's figures into docs/benchmarks.md under its own "## Heading", replacing only that
/// section, so suites run on different days share the file without overwriting each other.
/// </summary>
internal static class BenchmarkReport
{
    public static string Machine()
    {
        string cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        long memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 30;
        return $"nproc {Environment.ProcessorCount}, {cpu}, {memoryGiB} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    public static void WriteSection(string heading, string body)
    {
        var root = RepositoryRoot() ?? throw new InvalidOperationException("Run from inside the repository (no Adal.slnx found).");
        var path = Path.Combine(root, "docs", "benchmarks.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nFigures written by `bench/Adal.Bench`; each section is replaced when its suite runs again.\n";
        var section = $"## {heading}\n\n{body.TrimEnd()}\n";
        int start = text.IndexOf($"\n## {heading}\n", StringComparison.Ordinal);
        if (start < 0)
        {
            text = text.TrimEnd() + "\n\n" + section;
        }
        else
        {
            int end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            text = text[..(start + 1)] + section + (end < 0 ? "" : "\n" + text[(end + 1)..]);
        }
        File.WriteAllText(path, text, new UTF8Encoding(false));
        Console.WriteLine($"Written to {path}");
    }

    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Adal.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        return null;
    }
}
