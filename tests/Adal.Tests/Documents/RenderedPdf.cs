using System.Globalization;
using System.Text.RegularExpressions;
using Adal.Features.Documents;

namespace Adal.Tests.Documents;

/// <summary>A rendered document written to a temporary file, read back with poppler and zbar.</summary>
internal sealed partial class RenderedPdf : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("adal-pdf-").FullName;

    public RenderedPdf(DocumentContent content) : this(DocumentPdf.Render(content))
    {
    }

    public RenderedPdf(byte[] bytes)
    {
        Bytes = bytes;
        FilePath = Path.Combine(folder, "document.pdf");
        File.WriteAllBytes(FilePath, Bytes);
    }

    public byte[] Bytes { get; }

    public string FilePath { get; }

    public int PageCount =>
        int.Parse(PagesLine().Match(ExternalTool.Run("pdfinfo", FilePath)).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The text of one page (or all pages), as a reader's copy-and-paste or a screen reader gets it.</summary>
    public string Text(int? page = null) => page is { } p
        ? ExternalTool.Run("pdftotext", "-enc", "UTF-8", "-f", $"{p}", "-l", $"{p}", FilePath, "-")
        : ExternalTool.Run("pdftotext", "-enc", "UTF-8", FilePath, "-");

    /// <summary>The text with every run of white space made one space, for phrases that may wrap.</summary>
    public string FlatText(int? page = null) => Spaces().Replace(Text(page), " ");

    /// <summary>What a phone reads from the page's QR code, printed at 150 dpi.</summary>
    public string ScanQrCode(int page = 1)
    {
        var prefix = Path.Combine(folder, $"page{page}");
        ExternalTool.Run("pdftoppm", "-r", "150", "-png", "-f", $"{page}", "-l", $"{page}", "-singlefile", FilePath, prefix);
        // QR only: with every symbology on, zbar now and then reads a line of body text as a linear barcode.
        return ExternalTool.Run("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", $"{prefix}.png").TrimEnd('\n');
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
