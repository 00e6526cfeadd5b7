using SkiaSharp;

namespace Adal.Features.Documents;

/// <summary>One line of the document's flowing part (title, holder block, body), before it is placed on a page.</summary>
/// <param name="Gap">Space above the line; dropped when the line starts a page.</param>
/// <param name="Label">For the holder block: the label printed in the left column (empty on continuation lines), with <paramref name="Text"/> beside it.</param>
internal sealed record FlowLine(string Text, SKFont Font, float Height, float Gap = 0, bool Centered = false, string? Label = null)
{
    /// <summary>Where <see cref="Text"/> starts when the line has a label column.</summary>
    public float LabelColumn { get; init; }

    /// <summary>A table row instead of text: its cells, each wrapped to its column.</summary>
    public IReadOnlyList<TableCell>? Cells { get; init; }

    /// <summary>A thin rule under the line (under a table's column headings).</summary>
    public bool RuleBelow { get; init; }

    /// <summary>Placed first on a page that this line starts (a table's column headings).</summary>
    public FlowLine? RepeatAbove { get; init; }
}

/// <summary>One cell of a table row: where its column starts, how wide it is, and its wrapped lines.</summary>
internal sealed record TableCell(float Left, float Width, IReadOnlyList<string> Lines, SKFont Font, bool AlignRight);

/// <summary>A line placed on a page, at its baseline; <see cref="Top"/> is where its height begins.</summary>
internal sealed record PlacedLine(FlowLine Line, float Baseline)
{
    public float Top { get; init; }
}

/// <summary>The fonts and sizes of a document, owned for one rendering (SKFont is not shared across threads).</summary>
internal sealed class DocumentTypography : IDisposable
{
    public SKFont University { get; } = Create(DocumentFonts.Bold, 11f);
    public SKFont Title { get; } = Create(DocumentFonts.Bold, 16f);
    public SKFont Label { get; } = Create(DocumentFonts.Bold, 10f);
    public SKFont Value { get; } = Create(DocumentFonts.Regular, 10.5f);
    public SKFont Body { get; } = Create(DocumentFonts.Regular, 11.5f);
    public SKFont Footer { get; } = FooterFont();
    public SKFont Table { get; } = Create(DocumentFonts.Regular, 8.5f);
    public SKFont TableBold { get; } = Create(DocumentFonts.Bold, 8.5f);

    public void Dispose()
    {
        foreach (var font in new[] { University, Title, Label, Value, Body, Footer, Table, TableBold })
            font.Dispose();
    }

    /// <summary>The footer's font on its own, for the line a document's draft prints when it is finished.</summary>
    public static SKFont FooterFont() => Create(DocumentFonts.Regular, 8.5f);

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
                if (line.RepeatAbove is { } above)
                {
                    pages[^1].Add(new PlacedLine(above, Baseline(above, y)) { Top = y });
                    y += above.Height;
                }
            }
            var lineTop = y + gap;
            pages[^1].Add(new PlacedLine(line, Baseline(line, lineTop)) { Top = lineTop });
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
