using SkiaSharp;

namespace Adal.Features.Documents;

/// <summary>
/// Renders an issued document as an A4 PDF: the university at the head of every page, title and holder block on the
/// first, word-wrapped body over as many pages as it needs, and on every page a footer with the verification QR code.
/// </summary>
public static class DocumentPdf
{
    // A4 in PDF points (1/72 inch), 20 mm margins.
    private const float PageWidth = PdfWriter.PageWidth;
    private const float PageHeight = PdfWriter.PageHeight;
    private const float Margin = 56.69f;
    private const float ContentWidth = PageWidth - 2 * Margin;

    // About 32 mm with the quiet zone: a version 3–4 code then has modules of ~0.6 mm, easy for a phone camera.
    private const float QrSize = 92f;
    private const float FooterTop = PageHeight - Margin - QrSize;

    // Grey levels: near-black ink (#1A1A1A), muted labels and footer (#555555), rules (#B0B0B0).
    private const float Ink = 0x1A / 255f;
    private const float Muted = 0x55 / 255f;
    private const float RuleGrey = 0xB0 / 255f;

    public static byte[] Render(DocumentContent content) => Draft(content).Finish(content.LedgerIndex);

    /// <summary>
    /// The document laid out and drawn but for the footer's line with its ledger index (<see cref="DocumentDraft.Finish"/>).
    /// The index is known only inside the group commit that appends the entry, and everything else a PDF costs (layout,
    /// the QR code, the fonts cut down to the glyphs used) is done here, before the filing joins its batch.
    /// </summary>
    public static DocumentDraft Draft(DocumentContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var labels = DocumentLabels.For(content.Language);
        var issuedUtc = content.IssuedAtUtc.Kind == DateTimeKind.Local
            ? content.IssuedAtUtc.ToUniversalTime()
            : DateTime.SpecifyKind(content.IssuedAtUtc, DateTimeKind.Utc);
        var type = DocumentTypography.Shared;

        var universityLines = TextWrapping.Wrap(content.UniversityName, type.University, ContentWidth);
        var headerBottom = Margin + universityLines.Count * 15f + 8f;
        var pages = DocumentLayout.Paginate(Flow(content, labels.IssueDate(issuedUtc), labels, type), top: headerBottom + 18f, bottom: FooterTop - 22f);

        var pdf = new PdfWriter();
        var ledgerLines = new List<LedgerLine>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pdf.AddPage();
            DrawHeader(page, universityLines, headerBottom, type);
            DrawLines(page, pages[i], type);
            ledgerLines.Add(DrawFooter(page, content, labels, type, number: i + 1, pageCount: pages.Count));
        }
        // Every digit, whatever the index: the fonts are cut down now, and the same document with the same index gives
        // the same bytes however often it is finished.
        ledgerLines[0].Page.Reserve(labels.Ledger(1234567890), type.Footer);
        pdf.PrepareFonts();
        // Dates from the content, not the clock: the same document renders to the same bytes, so a re-issued copy
        // can be compared with the original.
        var info = new PdfInfo(content.Title, content.UniversityName, $"{labels.Number} {content.DocumentNumber}", issuedUtc);
        return new DocumentDraft(pdf, info, labels, ledgerLines);
    }

    /// <summary>
    /// A document waiting for its ledger index. <see cref="Finish"/> may be called again with another index (a batch
    /// member before it failed, so the entry moved up); one call at a time.
    /// </summary>
    public sealed class DocumentDraft
    {
        private readonly PdfWriter pdf;
        private readonly PdfInfo info;
        private readonly DocumentLabels labels;
        private readonly List<LedgerLine> ledgerLines;

        internal DocumentDraft(PdfWriter pdf, PdfInfo info, DocumentLabels labels, List<LedgerLine> ledgerLines) =>
            (this.pdf, this.info, this.labels, this.ledgerLines) = (pdf, info, labels, ledgerLines);

        /// <summary>The parts of the file that many documents share (<see cref="DocumentFiles"/> stores them once).</summary>
        internal IEnumerable<PdfSharedPart> SharedParts => pdf.SharedParts;

        /// <summary>The whole file, with the footer of every page printing <paramref name="ledgerIndex"/> (none when null).</summary>
        public byte[] Finish(long? ledgerIndex) => FinishFile(ledgerIndex).ToArray();

        /// <summary>As <see cref="Finish"/>, as the file's parts: what is stored leaves out the parts documents share.</summary>
        internal PdfBuffer FinishFile(long? ledgerIndex)
        {
            var footer = DocumentTypography.Shared.Footer;
            foreach (var line in ledgerLines)
            {
                line.Page.Rewind(line.Mark);
                if (ledgerIndex is { } index) line.Page.Text(labels.Ledger(index), line.Left, line.Baseline, footer, Muted);
            }
            return pdf.WriteFile(info);
        }
    }

    /// <summary>Where a page's footer prints the ledger index: the end of the page's content, and the line's position.</summary>
    internal sealed record LedgerLine(PdfPage Page, int Mark, float Left, float Baseline);

    private static IEnumerable<FlowLine> Flow(DocumentContent content, string issueDate, DocumentLabels labels, DocumentTypography type)
    {
        var gap = 6f;
        foreach (var line in TextWrapping.Wrap(content.Title, type.Title, ContentWidth))
        {
            yield return new FlowLine(line, type.Title, Height: 21f, Gap: gap, Centered: true);
            gap = 0;
        }

        var fields = new (string Label, string Value)[]
        {
            (labels.Holder, content.HolderName),
            (labels.Number, content.DocumentNumber),
            (labels.IssuedOn, issueDate),
        };
        var labelColumn = fields.Max(f => PdfPage.Width(f.Label, type.Label)) + 12f;
        gap = 16f;
        foreach (var (label, value) in fields)
        {
            var first = true;
            foreach (var line in TextWrapping.Wrap(value, type.Value, ContentWidth - labelColumn))
            {
                yield return new FlowLine(line, type.Value, Height: 16f, Gap: gap, Label: first ? label : "") { LabelColumn = labelColumn };
                first = false;
                gap = 0;
            }
        }

        gap = 22f;
        foreach (var paragraph in TextWrapping.Paragraphs(content.Body))
        {
            foreach (var line in TextWrapping.Wrap(paragraph, type.Body, ContentWidth))
            {
                yield return new FlowLine(line, type.Body, Height: 17f, Gap: gap);
                gap = 0;
            }
            gap = 8f;
        }

        if (content.Table is { } table)
            foreach (var line in TableFlow(table, type))
                yield return line;
    }

    private const float TableLine = 11f;

    /// <summary>The table as flowing lines: one per row (a row never splits across pages), headings repeated on each page.</summary>
    private static IEnumerable<FlowLine> TableFlow(DocumentTable table, DocumentTypography type)
    {
        var lefts = new float[table.Columns.Count];
        for (var i = 1; i < lefts.Length; i++) lefts[i] = lefts[i - 1] + table.Columns[i - 1].Share * ContentWidth;
        FlowLine Row(IReadOnlyList<string> cells, DocumentRowStyle style, float gap)
        {
            var font = style == DocumentRowStyle.Normal ? type.Table : type.TableBold;
            var placed = style == DocumentRowStyle.Heading
                ? [new TableCell(Margin, ContentWidth, TextWrapping.Wrap(cells.FirstOrDefault() ?? "", font, ContentWidth), font, false)]
                : cells.Take(lefts.Length).Select((text, i) =>
                {
                    var width = table.Columns[i].Share * ContentWidth - 4f;
                    return new TableCell(Margin + lefts[i], width, TextWrapping.Wrap(text, font, width), font, table.Columns[i].AlignRight);
                }).ToList();
            return new FlowLine("", font, Height: placed.Max(c => c.Lines.Count) * TableLine + 3f, Gap: gap) { Cells = placed };
        }
        var headings = Row(table.Columns.Select(c => c.Heading).ToList(), DocumentRowStyle.Total, 0) with { RuleBelow = true };
        yield return headings with { Gap = 16f };
        foreach (var row in table.Rows)
            yield return Row(row.Cells, row.Style, row.Style == DocumentRowStyle.Heading ? 5f : 0) with { RepeatAbove = headings };
        var gap = 8f;
        foreach (var note in table.Notes)
        {
            foreach (var line in TextWrapping.Wrap(note, type.Footer, ContentWidth))
            {
                yield return new FlowLine(line, type.Footer, Height: 11f, Gap: gap);
                gap = 0;
            }
            gap = 3f;
        }
    }

    /// <summary>A table row: each cell's lines from the row's top, and a rule beneath when the row asks for one.</summary>
    private static void DrawCells(PdfPage page, PlacedLine placed, IReadOnlyList<TableCell> cells)
    {
        foreach (var cell in cells)
        {
            var baseline = placed.Top + 1.5f - cell.Font.Ascent;
            foreach (var text in cell.Lines)
            {
                if (cell.AlignRight) page.Text(text, cell.Left + cell.Width, baseline, cell.Font, Ink, SKTextAlign.Right);
                else page.Text(text, cell.Left, baseline, cell.Font, Ink);
                baseline += TableLine;
            }
        }
        if (placed.Line.RuleBelow) DrawRule(page, placed.Top + placed.Line.Height);
    }

    private static void DrawHeader(PdfPage page, List<string> universityLines, float headerBottom, DocumentTypography type)
    {
        var baseline = Margin + 11f;
        foreach (var line in universityLines)
        {
            page.Text(line, PageWidth / 2, baseline, type.University, Ink, SKTextAlign.Center);
            baseline += 15f;
        }
        DrawRule(page, headerBottom);
    }

    private static void DrawLines(PdfPage page, List<PlacedLine> lines, DocumentTypography type)
    {
        foreach (var placed in lines)
        {
            var (line, baseline) = placed;
            if (line.Cells is { } cells)
            {
                DrawCells(page, placed, cells);
                continue;
            }
            if (line.Centered)
            {
                page.Text(line.Text, PageWidth / 2, baseline, line.Font, Ink, SKTextAlign.Center);
                continue;
            }
            if (line.Label is { } label)
            {
                page.Text(label, Margin, baseline, type.Label, Muted);
                page.Text(line.Text, Margin + line.LabelColumn, baseline, line.Font, Ink);
                continue;
            }
            page.Text(line.Text, Margin, baseline, line.Font, Ink);
        }
    }

    private static LedgerLine DrawFooter(PdfPage page, DocumentContent content, DocumentLabels labels, DocumentTypography type, int number, int pageCount)
    {
        DrawRule(page, FooterTop - 10f);
        QrCodeDrawing.Draw(page, content.VerificationUrl, Margin, FooterTop, QrSize);
        page.Text(labels.Page(number, pageCount), PageWidth - Margin, FooterTop + QrSize - 6f, type.Footer, Muted, SKTextAlign.Right);

        var left = Margin + QrSize + 14f;
        var lines = TextWrapping.Wrap($"{labels.Verify}: {content.VerificationUrl}", type.Footer, PageWidth - Margin - left);
        lines.Add($"{labels.Number} {content.DocumentNumber}");
        var baseline = FooterTop + 22f;
        foreach (var line in lines)
        {
            page.Text(line, left, baseline, type.Footer, Muted);
            baseline += 12f;
        }
        // The ledger's line comes last in the page's content, drawn when the document is finished.
        return new LedgerLine(page, page.Mark(), left, baseline);
    }

    private static void DrawRule(PdfPage page, float y) => page.Rule(Margin, PageWidth - Margin, y, width: 0.75f, RuleGrey);
}
