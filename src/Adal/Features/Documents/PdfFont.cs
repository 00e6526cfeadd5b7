using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Adal.Features.Documents;

/// <summary>
/// A document font as PDF objects: a Type0 font with Identity-H, so text is written as glyph ids. Built once: the
/// Type0 font and the font descriptor, the same in every document, and the font file cut down to the glyphs of ASCII
/// and the Russian and Kazakh alphabets (<see cref="TrueTypeSubset"/>) with its ToUnicode map, so that copying,
/// searching and screen readers get the letters back. Per document: the descendant font with the advances of the glyphs
/// it draws, and, for the rare document that draws a glyph outside that set (a name with é), a font file and map cut
/// down to its own glyphs.
/// </summary>
internal sealed class PdfFont
{
    public const int ObjectCount = 5;

    private readonly SKTypeface typeface;
    private readonly string name;
    private readonly byte[][] advances; // per glyph, as the PDF number written in the width array
    private readonly byte[] widthsHead;
    private readonly float[] advanceUnits; // per glyph, in thousandths of the font size
    private readonly ushort[] glyphOf; // per character of the Basic Multilingual Plane, 0 for none
    private readonly int descendant;
    private readonly int fontFile;
    private readonly byte[] head;
    private readonly byte[] descriptor;
    private readonly TrueTypeSubset subset;
    private readonly char[] characters; // the character each glyph draws, '\0' for none
    private readonly bool[] common;
    private readonly PdfSharedPart commonTail;
    private readonly int commonToUnicodeAt;

    public PdfFont(SKTypeface typeface, string file, string resource, int firstObject)
    {
        this.typeface = typeface;
        Resource = resource;
        using var measure = Skia(1000f);
        advanceUnits = measure.GetGlyphWidths(Enumerable.Range(0, typeface.GlyphCount).Select(g => (ushort)g).ToArray());
        advances = advanceUnits.Select(width => Encoding.ASCII.GetBytes(PdfPage.Number(width))).ToArray();
        var metrics = measure.Metrics;
        name = "ADALKZ+" + typeface.FamilyName.Replace(" ", "", StringComparison.Ordinal) + (typeface.IsBold ? "-Bold" : "");
        (descendant, var descriptorObject, fontFile) = (firstObject + 1, firstObject + 2, firstObject + 3);

        widthsHead = Encoding.ASCII.GetBytes(PdfWriter.Invariant($"{descendant} 0 obj\n<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} ")
            + PdfWriter.Invariant($"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descendant + 1} 0 R /CIDToGIDMap /Identity /W ["));
        head = Encoding.ASCII.GetBytes(PdfWriter.Invariant(
            $"{firstObject} 0 obj\n<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{descendant} 0 R] /ToUnicode {fontFile + 1} 0 R >>\nendobj\n"));
        var box = string.Join(' ', new[] { metrics.XMin, -metrics.Bottom, metrics.XMax, -metrics.Top }.Select(PdfPage.Number));
        descriptor = Encoding.ASCII.GetBytes(PdfWriter.Invariant($"{descriptorObject} 0 obj\n")
            + PdfWriter.Invariant($"<< /Type /FontDescriptor /FontName /{name} /Flags 4 /FontBBox [{box}] /ItalicAngle 0 /Ascent {PdfPage.Number(-metrics.Ascent)} ")
            + PdfWriter.Invariant($"/Descent {PdfPage.Number(-metrics.Descent)} /CapHeight {PdfPage.Number(metrics.CapHeight)} /StemV {(typeface.IsBold ? 120 : 80)} /FontFile2 {fontFile} 0 R >>\nendobj\n"));
        subset = new TrueTypeSubset(File.ReadAllBytes(file));
        (characters, glyphOf) = CharacterMaps(typeface);
        // Cutting the font down and deflating it for each document cost as much as the rest of a certificate's PDF; a
        // document that draws only common glyphs (nearly all) gets the font cut down to those, built once.
        common = CommonGlyphs(glyphOf, typeface.GlyphCount);
        var (tail, toUnicodeAt) = FileAndToUnicode(common, CompressionLevel.SmallestSize);
        (commonTail, commonToUnicodeAt) = (new PdfSharedPart(tail), toUnicodeAt);
    }

    /// <summary>The name in a page's resources: /F1, /F2.</summary>
    public string Resource { get; }

    /// <summary>
    /// The glyph ids of <paramref name="text"/> as Skia maps them (the font's cmap, no shaping), from a table built once:
    /// Skia's own lookup, character by character, was 3% of a certificate filing's CPU. Text with characters outside
    /// the Basic Multilingual Plane goes to Skia, which maps each pair of surrogates to one glyph.
    /// </summary>
    public ushort[] Glyphs(string text)
    {
        var glyphs = new ushort[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogate(text[i]))
            {
                using var font = Skia(size: 12f); // a glyph's id does not depend on the size
                return font.GetGlyphs(text);
            }
            glyphs[i] = glyphOf[text[i]];
        }
        return glyphs;
    }

    /// <summary>How wide <paramref name="text"/> is at <paramref name="size"/>: its glyphs' unhinted advances, as the PDF's
    /// widths give them to a viewer (and as Skia measures with linear metrics).</summary>
    public float Width(string text, float size)
    {
        var units = 0f;
        if (TryAddUnits(text, ref units)) return Width(units, size);
        using var font = Skia(size);
        return font.MeasureText(text);
    }

    /// <summary>The width at <paramref name="size"/> of text whose advances add up to <paramref name="units"/>.</summary>
    public static float Width(float units, float size) => units * size / 1000f;

    /// <summary>
    /// Adds the advances of <paramref name="text"/> (thousandths of the font size) to <paramref name="units"/>, one
    /// character after the other: text measured a word at a time adds up to exactly what measuring it whole gives. False,
    /// and <paramref name="units"/> unusable, for text outside the Basic Multilingual Plane (Skia measures that).
    /// </summary>
    public bool TryAddUnits(ReadOnlySpan<char> text, ref float units)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c)) return false;
            units += advanceUnits[glyphOf[c]];
        }
        return true;
    }

    /// <summary>
    /// Skia's font at <paramref name="size"/>, unhinted with sub-pixel, linear metrics: what is measured for wrapping is
    /// what a PDF viewer lays out. Only for what the tables built once do not answer (text outside the Basic Multilingual
    /// Plane, the ascent of a size): a document's text is measured and mapped without Skia.
    /// </summary>
    public SKFont Skia(float size) => new(typeface, size) { Hinting = SKFontHinting.None, Subpixel = true, LinearMetrics = true };

    /// <summary>A mark per glyph of the font, for a document to note the glyphs it draws.</summary>
    public bool[] NoGlyphs() => new bool[advances.Length];

    /// <summary>
    /// The font's five objects for a document that draws the <paramref name="used"/> glyphs, and where each starts in
    /// them. The widths array lists only those glyphs ("first [w w …]" per run of consecutive ids, PDF 32000-1
    /// §9.7.4.3): all ~830 would add 6 KB to every document.
    /// </summary>
    public (PdfBuffer Objects, int[] Starts) Objects(bool[] used)
    {
        var output = new PdfBuffer();
        var offsets = new List<int> { 0 };
        output.Write(head);
        offsets.Add(output.Position);
        output.Write(Widths(used));
        offsets.Add(output.Position);
        output.Write(descriptor);

        if (Within(used, common))
        {
            offsets.Add(output.Position);
            offsets.Add(output.Position + commonToUnicodeAt);
            output.WriteShared(commonTail);
        }
        else
        {
            var (tail, toUnicodeAt) = FileAndToUnicode(used, CompressionLevel.Fastest);
            offsets.Add(output.Position);
            offsets.Add(output.Position + toUnicodeAt);
            output.Write(tail);
        }
        return (output, [.. offsets]);
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? widthsScratch;

    /// <summary>
    /// The descendant font with the widths of the glyphs <paramref name="used"/> (runs of consecutive glyphs as
    /// <c>first [w w …]</c>), written as bytes: built through strings, it was a twelfth of what a certificate allocated.
    /// </summary>
    private byte[] Widths(bool[] used)
    {
        var widths = widthsScratch ??= new ArrayBufferWriter<byte>(8192);
        widths.ResetWrittenCount();
        widths.Write(widthsHead);
        var previous = -2;
        for (var glyph = 0; glyph < used.Length; glyph++)
        {
            if (!used[glyph]) continue;
            if (glyph != previous + 1)
            {
                if (previous >= 0) widths.Write("] "u8);
                Utf8Formatter.TryFormat(glyph, widths.GetSpan(11), out var written);
                widths.Advance(written);
                widths.Write(" ["u8);
            }
            else widths.Write(" "u8);
            widths.Write(advances[glyph]);
            previous = glyph;
        }
        if (previous >= 0) widths.Write("]"u8);
        widths.Write("] >>\nendobj\n"u8);
        return widths.WrittenSpan.ToArray();
    }

    /// <summary>The font file cut down to <paramref name="used"/> and the ToUnicode map, as two objects; where the second starts.</summary>
    private (byte[] Bytes, int ToUnicodeAt) FileAndToUnicode(bool[] used, CompressionLevel level)
    {
        var output = new PdfBuffer();
        var file = subset.Subset(used);
        var deflated = PdfWriter.Deflate(file, level);
        output.Ascii(PdfWriter.Invariant($"{fontFile} 0 obj\n") + PdfWriter.StreamHead(deflated.Length, PdfWriter.Invariant($" /Length1 {file.Length}")));
        output.Write(deflated);
        output.Ascii(PdfWriter.StreamTail);
        var toUnicodeAt = output.Position;
        var cmap = PdfWriter.Deflate(Encoding.ASCII.GetBytes(ToUnicode(used)), level);
        output.Ascii(PdfWriter.Invariant($"{fontFile + 1} 0 obj\n") + PdfWriter.StreamHead(cmap.Length));
        output.Write(cmap);
        output.Ascii(PdfWriter.StreamTail);
        return (output.ToArray(), toUnicodeAt);
    }

    private static bool Within(bool[] used, bool[] set)
    {
        for (var glyph = 0; glyph < used.Length; glyph++)
            if (used[glyph] && !set[glyph]) return false;
        return true;
    }

    /// <summary>
    /// The glyphs nearly every document draws: ASCII, the Russian and Kazakh alphabets, «», №, dashes, quotation marks,
    /// the ellipsis and the no-break space.
    /// </summary>
    private static bool[] CommonGlyphs(ushort[] glyphOf, int glyphCount)
    {
        const string kazakh = "ӘәҒғҚқҢңӨөҰұҮүҺһІі";
        var characters = Enumerable.Range(0x20, 0x5F).Concat(Enumerable.Range(0x410, 0x40)).Select(c => (char)c)
            .Concat("ЁёӘә«»№–—‘’‚“”„…\u00A0" + kazakh);
        var marks = new bool[glyphCount];
        foreach (var character in characters) marks[glyphOf[character]] = true;
        return marks;
    }

    /// <summary>Glyph id → the character it draws, and character → glyph id, for every character of the Basic Multilingual
    /// Plane the font has.</summary>
    private static (char[] Characters, ushort[] Glyphs) CharacterMaps(SKTypeface typeface)
    {
        using var font = new SKFont(typeface);
        var all = Enumerable.Range(1, 0xFFFF).Where(c => c is < 0xD800 or > 0xDFFF).Select(c => (char)c).ToArray();
        var glyphs = font.GetGlyphs(all);
        var characters = new char[typeface.GlyphCount];
        var glyphOf = new ushort[0x10000];
        for (var i = 0; i < all.Length; i++)
        {
            glyphOf[all[i]] = glyphs[i];
            if (glyphs[i] != 0 && characters[glyphs[i]] == '\0') characters[glyphs[i]] = all[i];
        }
        return (characters, glyphOf);
    }

    /// <summary>The ToUnicode map of the glyphs a document draws.</summary>
    private string ToUnicode(bool[] used)
    {
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
        var ranges = new List<(int Glyph, int Count, char Character)>();
        for (var glyph = 0; glyph < used.Length; glyph++)
        {
            if (!used[glyph] || characters[glyph] == '\0') continue;
            var character = characters[glyph];
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
