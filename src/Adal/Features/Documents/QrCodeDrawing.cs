using SkiaSharp;

namespace Adal.Features.Documents;

/// <summary>
/// The verification QR code as vector shapes, so it stays sharp at any print or scan resolution.
/// </summary>
internal static class QrCodeDrawing
{
    // ISO/IEC 18004 asks for a light margin of at least 4 modules around the symbol.
    public const int QuietZoneModules = 4;

    /// <summary>Draws the code for <paramref name="text"/> filling the square at (<paramref name="left"/>, <paramref name="top"/>), quiet zone included.</summary>
    public static void Draw(PdfPage page, string text, float left, float top, float size)
    {
        var modules = Modules(text);
        var count = modules.GetLength(0);
        var module = size / (count + 2 * QuietZoneModules);
        var origin = new SKPoint(left + QuietZoneModules * module, top + QuietZoneModules * module);

        page.Fill(SKRect.Create(left, top, size, size), gray: 1f);
        page.FillGrid(origin.X, origin.Y, module, modules);
    }

    /// <summary>The symbol's dark modules, without any margin: the quiet zone is drawn explicitly above.</summary>
    internal static bool[,] Modules(string text) => QrEncoder.Encode(text);
}
