using System.Diagnostics;
using System.Text;

namespace Adal.Browser.Tests;

/// <summary>
/// Reads an issued PDF the way a machine checking it would, with Debian's tools: poppler-utils (pdftotext, pdftoppm)
/// for the text and the page, zbar-tools (zbarimg) for the QR code a phone would scan.
/// </summary>
public static class PdfReading
{
    public static async Task<string> TextAsync(string pdfFile) =>
        Encoding.UTF8.GetString(await RunAsync("pdftotext", "poppler-utils", "-enc", "UTF-8", pdfFile, "-"));

    /// <summary>The first page as a PNG at 150 dpi: enough for a QR reader, and a picture to keep beside the screenshots.</summary>
    public static async Task<byte[]> FirstPageAsync(string pdfFile) =>
        await RunAsync("pdftoppm", "poppler-utils", "-png", "-r", "150", "-singlefile", "-f", "1", "-l", "1", pdfFile);

    /// <summary>What the QR code on a page image says.</summary>
    public static async Task<string> QrCodeAsync(string pngFile)
    {
        var text = Encoding.UTF8.GetString(await RunAsync("zbarimg", "zbar-tools", "--quiet", "--raw", pngFile));
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
    }

    private static async Task<byte[]> RunAsync(string tool, string debianPackage, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is missing: install it with `apt-get install -y {debianPackage}`.", e);
        }
        using (process)
        {
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await copy;
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
            return output.ToArray();
        }
    }
}
