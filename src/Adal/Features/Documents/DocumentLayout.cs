namespace Adal.Features.Documents;

/// <summary>One line of the document's flowing part (title, holder block, body), before it is placed on a page.</summary>
/// <param name="Gap">Space above the line; dropped when the line starts a page.</param>
/// <param name="Label">For the holder block: the label printed in the left column (empty on continuation lines), with <paramref name="Text"/> beside it.</param>
internal sealed record FlowLine(string Text, DocumentFont Font, float Height, float Gap = 0, bool Centered = false, string? Label = null)
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
internal sealed record TableCell(float Left, float Width, IReadOnlyList<string> Lines, DocumentFont Font, bool AlignRight);

/// <summary>A line placed on a page, at its baseline; <see cref="Top"/> is where its height begins.</summary>
internal sealed record PlacedLine(FlowLine Line, float Baseline)
{
    public float Top { get; init; }
}

/// <summary>
/// A document font at a size: what text is measured, wrapped and drawn in. Text is measured and mapped to glyphs from
/// the tables <see cref="PdfFont"/> built once, not through Skia: a document used to create and dispose of eight Skia
/// fonts, and asked Skia for each font's typeface (a native call and a lock) for every word it measured.
/// </summary>
/// <param name="Ascent">From the baseline up to the top of the font's box, negative (y grows downwards), as Skia's metrics give it.</param>
/// <param name="Descent">From the baseline down to the bottom of the box, positive.</param>
internal sealed record DocumentFont(PdfFont Pdf, float Size, float Ascent, float Descent)
{
    public static DocumentFont Of(PdfFont pdf, float size)
    {
        using var skia = pdf.Skia(size);
        var metrics = skia.Metrics;
        return new(pdf, size, metrics.Ascent, metrics.Descent);
    }
}

/// <summary>The fonts and sizes of every document; immutable, built once.</summary>
internal sealed class DocumentTypography
{
    public static DocumentTypography Shared { get; } = new();

    private DocumentTypography()
    {
    }

    public DocumentFont University { get; } = DocumentFont.Of(PdfWriter.BoldFont, 11f);
    public DocumentFont Title { get; } = DocumentFont.Of(PdfWriter.BoldFont, 16f);
    public DocumentFont Label { get; } = DocumentFont.Of(PdfWriter.BoldFont, 10f);
    public DocumentFont Value { get; } = DocumentFont.Of(PdfWriter.RegularFont, 10.5f);
    public DocumentFont Body { get; } = DocumentFont.Of(PdfWriter.RegularFont, 11.5f);
    public DocumentFont Footer { get; } = DocumentFont.Of(PdfWriter.RegularFont, 8.5f);
    public DocumentFont Table { get; } = DocumentFont.Of(PdfWriter.RegularFont, 8.5f);
    public DocumentFont TableBold { get; } = DocumentFont.Of(PdfWriter.BoldFont, 8.5f);
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
        var glyphHeight = line.Font.Descent - line.Font.Ascent;
        return lineTop + (line.Height - glyphHeight) / 2 - line.Font.Ascent;
    }
}
