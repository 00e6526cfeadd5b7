using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Adal.Tests.Documents;

/// <summary>
/// Runs a command-line tool and returns what it printed. The PDF tests read documents the way a reader's software
/// does — poppler's pdftotext and pdftoppm, zbar's zbarimg (Debian packages poppler-utils and zbar-tools) —
/// rather than trusting our own renderer's idea of what it drew.
/// </summary>
internal static class ExternalTool
{
    private static readonly Dictionary<string, string> Packages = new()
    {
        ["pdftotext"] = "poppler-utils",
        ["pdftoppm"] = "poppler-utils",
        ["pdfinfo"] = "poppler-utils",
        ["pdffonts"] = "poppler-utils",
        ["zbarimg"] = "zbar-tools",
    };

    public static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (Win32Exception e)
        {
            var package = Packages.GetValueOrDefault(tool, tool);
            throw new InvalidOperationException($"{tool} is not installed: apt-get install -y {package}", e);
        }

        using (process)
        {
            // Both streams at once: a tool that fills the stderr pipe while we wait on stdout would hang forever.
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish within 60 s.");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {errors.Result}");
            return output.Result;
        }
    }
}
