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

        // Row runs filled as one shape: no hairline seams between neighbouring modules when a viewer anti-aliases,
        // which separately drawn squares can show, and a small PDF.
        var runs = new List<(int Column, int Row, int Length)>();
        for (var row = 0; row < count; row++)
        {
            for (var column = 0; column < count; column++)
            {
                if (!modules[row, column])
                    continue;
                var runStart = column;
                while (column + 1 < count && modules[row, column + 1])
                    column++;
                runs.Add((runStart, row, column + 1 - runStart));
            }
        }
        page.FillGrid(origin.X, origin.Y, module, runs);
    }

    /// <summary>The symbol's dark modules, without any margin: the quiet zone is drawn explicitly above.</summary>
    internal static bool[,] Modules(string text) => QrEncoder.Encode(text);
}
