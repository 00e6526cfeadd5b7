using System.Globalization;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Adal.Features.Documents;

/// <summary>What a PDF viewer shows in the document's properties.</summary>
internal sealed record PdfInfo(string Title, string Author, string Subject, DateTime CreatedUtc);

/// <summary>
/// Writes the PDF file of an issued document: A4 pages of text in the two document fonts, rules and filled rectangles.
/// Not SkiaSharp's PDF backend (ADR 0007): it embedded and deflated both font files again for every document, 5 of the
/// ~8 ms a certificate took, though the fonts never change. Here what never changes of a font (the file deflated, its
/// descriptor, its ToUnicode map) is built once per process and copied into every document, with the widths of the
/// glyphs the document uses; SkiaSharp still measures the text.
/// </summary>
internal sealed class PdfWriter
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;

    // Fixed object numbers: 1 catalogue, 2 page tree, 3 info, 4–8 the regular font, 9–13 the bold, then each page and
    // its content stream.
    private const int RegularFontObject = 4;
    private const int BoldFontObject = RegularFontObject + PdfFont.ObjectCount;
    private const int FirstPageObject = BoldFontObject + PdfFont.ObjectCount;

    private static readonly Lazy<PdfFont> Regular = new(() => new PdfFont(DocumentFonts.Regular, DocumentFonts.RegularFile, "F1", RegularFontObject));
    private static readonly Lazy<PdfFont> Bold = new(() => new PdfFont(DocumentFonts.Bold, DocumentFonts.BoldFile, "F2", BoldFontObject));

    private readonly List<PdfPage> pages = [];
    private readonly Dictionary<PdfFont, bool[]> used = new() { [Regular.Value] = Regular.Value.NoGlyphs(), [Bold.Value] = Bold.Value.NoGlyphs() };

    public PdfPage AddPage()
    {
        var page = new PdfPage(used);
        pages.Add(page);
        return page;
    }

    /// <summary>The whole file. Nothing in it depends on the clock or on the process, so the same pages give the same bytes.</summary>
    public byte[] Write(PdfInfo info)
    {
        var (regular, bold) = (Regular.Value, Bold.Value);
        var contents = pages.Select(page => Deflate(page.Content())).ToList();
        var output = new PdfBuffer();
        var offsets = new List<int>();
        output.Ascii("%PDF-1.7\n");
        // A comment of bytes above 127 tells transfer programs the file is binary (PDF 32000-1 §7.5.2).
        output.Write([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);

        var objects = FirstPageObject + 2 * pages.Count;
        void Begin(int number)
        {
            offsets.Add(output.Position);
            output.Ascii(Invariant($"{number} 0 obj\n"));
        }

        Begin(1);
        output.Ascii("<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        Begin(2);
        var kids = string.Join(' ', Enumerable.Range(0, pages.Count).Select(i => Invariant($"{FirstPageObject + 2 * i} 0 R")));
        output.Ascii(Invariant($"<< /Type /Pages /Count {pages.Count} /Kids [{kids}] >>\nendobj\n"));
        Begin(3);
        var date = Invariant($"(D:{info.CreatedUtc:yyyyMMddHHmmss}Z)");
        output.Ascii($"<< /Title {TextString(info.Title)} /Author {TextString(info.Author)} /Subject {TextString(info.Subject)} "
            + $"/Creator (Adal) /Producer (Adal) /CreationDate {date} /ModDate {date} >>\nendobj\n");

        regular.WriteTo(output, offsets, used[regular]);
        bold.WriteTo(output, offsets, used[bold]);

        var resources = Invariant($"<< /Font << /{regular.Resource} {RegularFontObject} 0 R /{bold.Resource} {BoldFontObject} 0 R >> >>");
        for (var i = 0; i < pages.Count; i++)
        {
            var number = FirstPageObject + 2 * i;
            Begin(number);
            output.Ascii(Invariant($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PageWidth} {PageHeight}] /Resources {resources} /Contents {number + 1} 0 R >>\nendobj\n"));
            Begin(number + 1);
            output.Ascii(StreamHead(contents[i].Length));
            output.Write(contents[i]);
            output.Ascii(StreamTail);
        }

        var xref = output.Position;
        var table = new StringBuilder(Invariant($"xref\n0 {objects}\n0000000000 65535 f \n"), 64 + 20 * objects);
        foreach (var offset in offsets)
            table.Append(Invariant($"{offset:D10} 00000 n \n"));
        table.Append(Invariant($"trailer\n<< /Size {objects} /Root 1 0 R /Info 3 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        output.Ascii(table.ToString());
        return output.ToArray();
    }

    internal static PdfFont FontFor(SKFont font)
    {
        var handle = font.Typeface.Handle;
        if (handle == DocumentFonts.Regular.Handle) return Regular.Value;
        if (handle == DocumentFonts.Bold.Handle) return Bold.Value;
        throw new InvalidOperationException("A document draws only in the document fonts (DocumentFonts).");
    }

    internal static string StreamHead(int length, string extra = "") => Invariant($"<< /Length {length} /Filter /FlateDecode{extra} >>\nstream\n");

    internal const string StreamTail = "\nendstream\nendobj\n";

    internal static byte[] Deflate(byte[] data, CompressionLevel level = CompressionLevel.Fastest)
    {
        var output = new MemoryStream(data.Length / 2 + 64);
        using (var zlib = new ZLibStream(output, level, leaveOpen: true))
            zlib.Write(data);
        return output.ToArray();
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A text string in UTF-16BE with its byte order mark (PDF 32000-1 §7.9.2.2), written in hex.</summary>
    private static string TextString(string text) => $"<FEFF{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text))}>";
}

/// <summary>
/// One page's content stream, drawn in the layout's coordinates: points from the page's top-left corner, y downwards.
/// </summary>
internal sealed class PdfPage(Dictionary<PdfFont, bool[]> used)
{
    private const string Hex = "0123456789ABCDEF";

    // A one-page certificate's content is ~5,000 characters.
    private readonly StringBuilder content = new(8 * 1024);

    /// <summary>A line of text at a baseline; centred or right-aligned on <paramref name="x"/> as asked.</summary>
    public void Text(string text, float x, float baseline, SKFont font, float gray, SKTextAlign align = SKTextAlign.Left)
    {
        if (text.Length == 0) return;
        var pdfFont = PdfWriter.FontFor(font);
        if (align != SKTextAlign.Left)
        {
            var width = font.MeasureText(text);
            x -= align == SKTextAlign.Center ? width / 2 : width;
        }
        // Glyph ids through Identity-H, exactly as Skia draws text: characters mapped through the font's cmap, no shaping.
        var glyphs = font.GetGlyphs(text);
        var usedGlyphs = used[pdfFont];
        foreach (var glyph in glyphs)
            if (glyph < usedGlyphs.Length) usedGlyphs[glyph] = true;
        content.AppendNumber(gray).Append(" g BT /").Append(pdfFont.Resource).Append(' ').AppendNumber(font.Size)
            .Append(" Tf 1 0 0 1 ").AppendNumber(x).Append(' ').AppendNumber(PdfWriter.PageHeight - baseline).Append(" Tm <");
        foreach (var glyph in glyphs)
            content.Append(Hex[glyph >> 12]).Append(Hex[(glyph >> 8) & 0xF]).Append(Hex[(glyph >> 4) & 0xF]).Append(Hex[glyph & 0xF]);
        content.Append("> Tj ET\n");
    }

    /// <summary>A horizontal rule.</summary>
    public void Rule(float left, float right, float y, float width, float gray)
    {
        var pdfY = PdfWriter.PageHeight - y;
        content.Append("q ").AppendNumber(gray).Append(" G ").AppendNumber(width).Append(" w ")
            .AppendNumber(left).Append(' ').AppendNumber(pdfY).Append(" m ")
            .AppendNumber(right).Append(' ').AppendNumber(pdfY).Append(" l S Q\n");
    }

    /// <summary>Fills the rectangles as one shape (no seams between neighbours when a viewer anti-aliases).</summary>
    public void Fill(IEnumerable<SKRect> rectangles, float gray)
    {
        content.AppendNumber(gray).Append(" g\n");
        foreach (var r in rectangles)
            content.AppendNumber(r.Left).Append(' ').AppendNumber(PdfWriter.PageHeight - r.Bottom).Append(' ')
                .AppendNumber(r.Width).Append(' ').AppendNumber(r.Height).Append(" re\n");
        content.Append("f\n");
    }

    /// <summary>
    /// Fills a grid's cells in black: each run is <c>Length</c> cells from (<c>Column</c>, <c>Row</c>), row 0 at
    /// <paramref name="top"/>. Written in the grid's own units through one transformation, so a QR code's few hundred
    /// runs take a few bytes each instead of four coordinates.
    /// </summary>
    public void FillGrid(float left, float top, float cell, IEnumerable<(int Column, int Row, int Length)> runs)
    {
        content.Append("q ").AppendNumber(cell).Append(" 0 0 ").AppendNumber(-cell).Append(' ')
            .AppendNumber(left).Append(' ').AppendNumber(PdfWriter.PageHeight - top).Append(" cm 0 g\n");
        foreach (var (column, row, length) in runs)
            content.Append(column).Append(' ').Append(row).Append(' ').Append(length).Append(" 1 re\n");
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

/// <summary>
/// A document font as PDF objects: a Type0 font with Identity-H, so text is written as glyph ids; the font file (whole:
/// the shipped files are already subsets, docs/data.md) and a ToUnicode map, so that copying, searching and screen readers
/// get the letters back, built once; and per document the descendant font with the advances of the glyphs it uses.
/// </summary>
internal sealed class PdfFont
{
    public const int ObjectCount = 5;

    private readonly string name;
    private readonly string[] advances;
    private readonly int descendant;
    private readonly byte[] head;
    private readonly byte[] tail;
    private readonly int[] tailOffsets;

    public PdfFont(SKTypeface typeface, string file, string resource, int firstObject)
    {
        Resource = resource;
        using var measure = new SKFont(typeface, 1000f) { Hinting = SKFontHinting.None, Subpixel = true, LinearMetrics = true };
        advances = measure.GetGlyphWidths(Enumerable.Range(0, typeface.GlyphCount).Select(g => (ushort)g).ToArray()).Select(PdfPage.Number).ToArray();
        var metrics = measure.Metrics;
        name = "ADALKZ+" + typeface.FamilyName.Replace(" ", "", StringComparison.Ordinal) + (typeface.IsBold ? "-Bold" : "");
        (descendant, var descriptor, var fontFile, var toUnicode) = (firstObject + 1, firstObject + 2, firstObject + 3, firstObject + 4);

        head = Encoding.ASCII.GetBytes(PdfWriter.Invariant(
            $"{firstObject} 0 obj\n<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{descendant} 0 R] /ToUnicode {toUnicode} 0 R >>\nendobj\n"));

        var output = new PdfBuffer();
        var offsets = new List<int>();
        void Begin(int number)
        {
            offsets.Add(output.Position);
            output.Ascii(PdfWriter.Invariant($"{number} 0 obj\n"));
        }
        Begin(descriptor);
        var box = string.Join(' ', new[] { metrics.XMin, -metrics.Bottom, metrics.XMax, -metrics.Top }.Select(PdfPage.Number));
        output.Ascii(PdfWriter.Invariant(
            $"<< /Type /FontDescriptor /FontName /{name} /Flags 4 /FontBBox [{box}] /ItalicAngle 0 /Ascent {PdfPage.Number(-metrics.Ascent)} ")
            + PdfWriter.Invariant($"/Descent {PdfPage.Number(-metrics.Descent)} /CapHeight {PdfPage.Number(metrics.CapHeight)} /StemV {(typeface.IsBold ? 120 : 80)} /FontFile2 {fontFile} 0 R >>\nendobj\n"));
        Begin(fontFile);
        var bytes = File.ReadAllBytes(file);
        var deflated = PdfWriter.Deflate(bytes, CompressionLevel.SmallestSize);
        output.Ascii(PdfWriter.StreamHead(deflated.Length, PdfWriter.Invariant($" /Length1 {bytes.Length}")));
        output.Write(deflated);
        output.Ascii(PdfWriter.StreamTail);
        Begin(toUnicode);
        var cmap = PdfWriter.Deflate(Encoding.ASCII.GetBytes(ToUnicode(typeface)), CompressionLevel.SmallestSize);
        output.Ascii(PdfWriter.StreamHead(cmap.Length));
        output.Write(cmap);
        output.Ascii(PdfWriter.StreamTail);
        tail = output.ToArray();
        tailOffsets = [.. offsets];
    }

    /// <summary>The name in a page's resources: /F1, /F2.</summary>
    public string Resource { get; }

    /// <summary>A mark per glyph of the font, for a document to note the glyphs it draws.</summary>
    public bool[] NoGlyphs() => new bool[advances.Length];

    /// <summary>
    /// Writes the font's five objects and adds where each starts to <paramref name="offsets"/>. The widths array lists
    /// only the glyphs the document uses ("first [w w …]" per run of consecutive ids, PDF 32000-1 §9.7.4.3): all ~830
    /// would add 6 KB to every document and take it past the size the runtime keeps off the large object heap.
    /// </summary>
    public void WriteTo(PdfBuffer output, List<int> offsets, bool[] used)
    {
        offsets.Add(output.Position);
        output.Write(head);
        offsets.Add(output.Position);
        var widths = new StringBuilder(2048);
        widths.Append(CultureInfo.InvariantCulture, $"{descendant} 0 obj\n<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} ")
            .Append(CultureInfo.InvariantCulture, $"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descendant + 1} 0 R /CIDToGIDMap /Identity /W [");
        var previous = -2;
        for (var glyph = 0; glyph < used.Length; glyph++)
        {
            if (!used[glyph]) continue;
            if (glyph != previous + 1)
            {
                if (previous >= 0) widths.Append("] ");
                widths.Append(glyph).Append(" [");
            }
            else widths.Append(' ');
            widths.Append(advances[glyph]);
            previous = glyph;
        }
        if (previous >= 0) widths.Append(']');
        widths.Append("] >>\nendobj\n");
        output.Ascii(widths.ToString());
        var start = output.Position;
        foreach (var offset in tailOffsets) offsets.Add(start + offset);
        output.Write(tail);
    }

    /// <summary>Glyph id → the character it draws, for every character of the Basic Multilingual Plane the font has.</summary>
    private static string ToUnicode(SKTypeface typeface)
    {
        using var font = new SKFont(typeface);
        var characters = Enumerable.Range(1, 0xFFFF).Where(c => c is < 0xD800 or > 0xDFFF).Select(c => (char)c).ToArray();
        var glyphs = font.GetGlyphs(characters);
        var map = new SortedDictionary<ushort, char>();
        for (var i = 0; i < characters.Length; i++)
            if (glyphs[i] != 0) map.TryAdd(glyphs[i], characters[i]);

        var cmap = new StringBuilder("""
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """);
        // Runs of consecutive glyphs drawing consecutive characters as ranges, the rest one by one; a range stays within
        // one last byte of both codes, and a block holds at most 100 entries (PDF 32000-1 §9.10.3).
        var ranges = new List<(ushort Glyph, int Count, char Character)>();
        foreach (var (glyph, character) in map)
        {
            if (ranges.Count > 0 && ranges[^1] is var (first, count, start) && glyph == first + count && character == start + count
                && (glyph & 0xFF) != 0 && (character & 0xFF) != 0)
                ranges[^1] = (first, count + 1, start);
            else
                ranges.Add((glyph, 1, character));
        }
        foreach (var chunk in ranges.Where(r => r.Count > 1).Chunk(100))
        {
            cmap.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfrange\n");
            foreach (var (glyph, count, character) in chunk)
                cmap.Append(CultureInfo.InvariantCulture, $"<{glyph:X4}> <{glyph + count - 1:X4}> <{(int)character:X4}>\n");
            cmap.Append("endbfrange\n");
        }
        foreach (var chunk in ranges.Where(r => r.Count == 1).Chunk(100))
        {
            cmap.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfchar\n");
            foreach (var (glyph, _, character) in chunk)
                cmap.Append(CultureInfo.InvariantCulture, $"<{glyph:X4}> <{(int)character:X4}>\n");
            cmap.Append("endbfchar\n");
        }
        cmap.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return cmap.ToString();
    }
}

/// <summary>
/// The bytes of a PDF being written, as a list of parts copied once into an array of the file's exact size: no growing
/// buffer (a ~100 KB one would sit on the large object heap and cost gen-2 collections), and the fonts' objects, the
/// same for every document, are referenced rather than copied until then.
/// </summary>
internal sealed class PdfBuffer
{
    private readonly List<byte[]> parts = new(64);

    public int Position { get; private set; }

    /// <summary>Adds <paramref name="bytes"/>, which must not change afterwards.</summary>
    public void Write(byte[] bytes)
    {
        parts.Add(bytes);
        Position += bytes.Length;
    }

    /// <summary>PDF syntax outside strings and streams is ASCII.</summary>
    public void Ascii(string text) => Write(Encoding.ASCII.GetBytes(text));

    public byte[] ToArray()
    {
        var result = GC.AllocateUninitializedArray<byte>(Position);
        var at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, at);
            at += part.Length;
        }
        return result;
    }
}
