using SkiaSharp;

namespace Adal.Features.Documents;

/// <summary>One line of the document's flowing part (title, holder block, body), before it is placed on a page.</summary>
/// <param name="Gap">Space above the line; dropped when the line starts a page.</param>
/// <param name="Label">For the holder block: the label printed in the left column (empty on continuation lines), with <paramref name="Text"/> beside it.</param>
internal sealed record FlowLine(string Text, SKFont Font, float Height, float Gap = 0, bool Centered = false, string? Label = null)
{
    /// <summary>Where <see cref="Text"/> starts when the line has a label column.</summary>
    public float LabelColumn { get; init; }
}

/// <summary>A line placed on a page, at its baseline.</summary>
internal sealed record PlacedLine(FlowLine Line, float Baseline);

/// <summary>The fonts and sizes of a document, owned for one rendering (SKFont is not shared across threads).</summary>
internal sealed class DocumentTypography : IDisposable
{
    public SKFont University { get; } = Create(DocumentFonts.Bold, 11f);
    public SKFont Title { get; } = Create(DocumentFonts.Bold, 16f);
    public SKFont Label { get; } = Create(DocumentFonts.Bold, 10f);
    public SKFont Value { get; } = Create(DocumentFonts.Regular, 10.5f);
    public SKFont Body { get; } = Create(DocumentFonts.Regular, 11.5f);
    public SKFont Footer { get; } = Create(DocumentFonts.Regular, 8.5f);

    public void Dispose()
    {
        foreach (var font in new[] { University, Title, Label, Value, Body, Footer })
            font.Dispose();
    }

    // Unhinted, sub-pixel metrics: what is measured for wrapping is what the PDF viewer lays out.
    private static SKFont Create(SKTypeface typeface, float size) =>
        new(typeface, size) { Hinting = SKFontHinting.None, Subpixel = true, LinearMetrics = true };
}

/// <summary>Places flowing lines onto pages: a line that does not fit goes to the next page, never off the bottom.</summary>
internal static class DocumentLayout
{
    public static List<List<PlacedLine>> Paginate(IEnumerable<FlowLine> lines, float top, float bottom)
    {
        var pages = new List<List<PlacedLine>> { new() };
        var y = top;
        foreach (var line in lines)
        {
            var gap = pages[^1].Count == 0 ? 0 : line.Gap;
            if (pages[^1].Count > 0 && y + gap + line.Height > bottom)
            {
                pages.Add([]);
                y = top;
                gap = 0;
            }
            var lineTop = y + gap;
            pages[^1].Add(new PlacedLine(line, Baseline(line, lineTop)));
            y = lineTop + line.Height;
        }
        return pages;
    }

    // Centres the font's ascent-to-descent box in the line's height.
    private static float Baseline(FlowLine line, float lineTop)
    {
        var metrics = line.Font.Metrics;
        var glyphHeight = metrics.Descent - metrics.Ascent;
        return lineTop + (line.Height - glyphHeight) / 2 - metrics.Ascent;
    }
}
