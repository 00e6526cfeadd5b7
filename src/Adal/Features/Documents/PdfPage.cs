using System.Text;
using SkiaSharp;

namespace Adal.Features.Documents;

/// <summary>
/// One page's content stream, drawn in the layout's coordinates: points from the page's top-left corner, y downwards.
/// </summary>
internal sealed class PdfPage(PdfWriter writer)
{
    private const string Hex = "0123456789ABCDEF";

    // A one-page certificate's content is ~5,000 characters.
    private readonly StringBuilder content = new(8 * 1024);

    /// <summary>A line of text at a baseline; centred or right-aligned on <paramref name="x"/> as asked.</summary>
    public void Text(string text, float x, float baseline, DocumentFont font, float gray, SKTextAlign align = SKTextAlign.Left)
    {
        if (text.Length == 0) return;
        var pdfFont = font.Pdf;
        if (align != SKTextAlign.Left)
        {
            var width = pdfFont.Width(text, font.Size);
            x -= align == SKTextAlign.Center ? width / 2 : width;
        }
        // Glyph ids through Identity-H, exactly as Skia draws text: characters mapped through the font's cmap, no shaping.
        var glyphs = pdfFont.Glyphs(text);
        writer.Use(pdfFont, glyphs);
        content.AppendNumber(gray).Append(" g BT /").Append(pdfFont.Resource).Append(' ').AppendNumber(font.Size)
            .Append(" Tf 1 0 0 1 ").AppendNumber(x).Append(' ').AppendNumber(PdfWriter.PageHeight - baseline).Append(" Tm <");
        foreach (var glyph in glyphs)
            content.Append(Hex[glyph >> 12]).Append(Hex[(glyph >> 8) & 0xF]).Append(Hex[(glyph >> 4) & 0xF]).Append(Hex[glyph & 0xF]);
        content.Append("> Tj ET\n");
    }

    /// <summary>Notes the glyphs of <paramref name="text"/> as drawn without drawing them: text that comes later.</summary>
    public void Reserve(string text, DocumentFont font) => writer.Use(font.Pdf, font.Pdf.Glyphs(text));

    /// <summary>How wide <paramref name="text"/> is in <paramref name="font"/>, as the PDF will lay it out.</summary>
    public static float Width(string text, DocumentFont font) => font.Pdf.Width(text, font.Size);

    /// <summary>Where the content ends now, to go back to with <see cref="Rewind"/>.</summary>
    public int Mark() => content.Length;

    /// <summary>Drops what was drawn since <paramref name="mark"/>.</summary>
    public void Rewind(int mark) => content.Length = mark;

    /// <summary>A horizontal rule.</summary>
    public void Rule(float left, float right, float y, float width, float gray)
    {
        var pdfY = PdfWriter.PageHeight - y;
        content.Append("q ").AppendNumber(gray).Append(" G ").AppendNumber(width).Append(" w ")
            .AppendNumber(left).Append(' ').AppendNumber(pdfY).Append(" m ")
            .AppendNumber(right).Append(' ').AppendNumber(pdfY).Append(" l S Q\n");
    }

    /// <summary>A filled rectangle.</summary>
    public void Fill(SKRect r, float gray) =>
        content.AppendNumber(gray).Append(" g ").AppendNumber(r.Left).Append(' ').AppendNumber(PdfWriter.PageHeight - r.Bottom).Append(' ')
            .AppendNumber(r.Width).Append(' ').AppendNumber(r.Height).Append(" re f\n");

    /// <summary>
    /// Fills a grid's dark cells (<paramref name="dark"/>[row, column], row 0 at <paramref name="top"/>) in black, a
    /// row's neighbouring cells as one rectangle: no hairline seams between them when a viewer anti-aliases, which
    /// separately drawn squares can show. Written in the grid's own units through one transformation, so a QR code's
    /// few hundred runs take a few bytes each instead of four coordinates.
    /// </summary>
    public void FillGrid(float left, float top, float cell, bool[,] dark)
    {
        content.Append("q ").AppendNumber(cell).Append(" 0 0 ").AppendNumber(-cell).Append(' ')
            .AppendNumber(left).Append(' ').AppendNumber(PdfWriter.PageHeight - top).Append(" cm 0 g\n");
        var (rows, columns) = (dark.GetLength(0), dark.GetLength(1));
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                if (!dark[row, column]) continue;
                var start = column;
                while (column + 1 < columns && dark[row, column + 1]) column++;
                content.Append(start).Append(' ').Append(row).Append(' ').Append(column + 1 - start).Append(" 1 re\n");
            }
        }
        content.Append("f Q\n");
    }

    internal byte[] Content()
    {
        var bytes = GC.AllocateUninitializedArray<byte>(content.Length);
        var at = 0;
        foreach (var chunk in content.GetChunks())
            at += Encoding.ASCII.GetBytes(chunk.Span, bytes.AsSpan(at));
        return bytes;
    }

    internal static string Number(float value) => new StringBuilder(12).AppendNumber(value).ToString();
}

internal static class PdfNumbers
{
    /// <summary>
    /// A PDF real with at most three decimals (a thousandth of a point), no exponent, no "-0"; written digit by digit
    /// because a page has hundreds of them (the QR code's rectangles) and a format string was a fifth of a document's time.
    /// </summary>
    public static StringBuilder AppendNumber(this StringBuilder text, float value)
    {
        var thousandths = (long)Math.Round(value * 1000d, MidpointRounding.AwayFromZero);
        if (thousandths < 0)
        {
            text.Append('-');
            thousandths = -thousandths;
        }
        text.Append(thousandths / 1000);
        var fraction = (int)(thousandths % 1000);
        if (fraction == 0) return text;
        text.Append('.').Append((char)('0' + fraction / 100));
        if (fraction % 100 != 0) text.Append((char)('0' + fraction / 10 % 10));
        if (fraction % 10 != 0) text.Append((char)('0' + fraction % 10));
        return text;
    }
}
