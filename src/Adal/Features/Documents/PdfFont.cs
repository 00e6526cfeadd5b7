using System.Globalization;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Adal.Features.Documents;

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
