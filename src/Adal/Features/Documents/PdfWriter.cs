using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SkiaSharp;

namespace Adal.Features.Documents;

/// <summary>What a PDF viewer shows in the document's properties.</summary>
internal sealed record PdfInfo(string Title, string Author, string Subject, DateTime CreatedUtc);

/// <summary>
/// Writes the PDF file of an issued document: A4 pages of text in the two document fonts, rules and filled rectangles.
/// Not SkiaSharp's PDF backend (ADR 0007): it embedded and deflated both font files again for every document, 5 of the
/// ~8 ms a certificate took, though the fonts never change. Here what never changes of a font (its Type0 dictionary and
/// descriptor, the font files cut down to the common alphabets) is built once per process; a document adds the widths
/// of the glyphs it draws, and font files of its own only when it draws other glyphs (ADR 0009). SkiaSharp reads each
/// font's character map and advances once (<see cref="PdfFont"/>); text is mapped and measured from those.
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
    private (PdfBuffer Objects, int[] Starts)[]? fonts;

    public PdfPage AddPage()
    {
        var page = new PdfPage(this);
        pages.Add(page);
        return page;
    }

    /// <summary>
    /// Builds the fonts' objects (each font cut down to the glyphs drawn or reserved so far) ahead of <see cref="Write"/>,
    /// so that a document finished later (when its ledger index is known) does not subset and deflate them then. Text
    /// drawn afterwards may use only glyphs already drawn or reserved.
    /// </summary>
    public void PrepareFonts() => fonts ??= [Regular.Value.Objects(used[Regular.Value]), Bold.Value.Objects(used[Bold.Value])];

    /// <summary>The parts of the file that many documents share, once <see cref="PrepareFonts"/> has built the fonts' objects.</summary>
    public IEnumerable<PdfSharedPart> SharedParts => (fonts ?? throw new InvalidOperationException("The fonts are not prepared yet."))
        .SelectMany(font => font.Objects.Shared).Select(shared => shared.Part);

    /// <summary>Notes that the document draws <paramref name="glyphs"/> in <paramref name="font"/>.</summary>
    internal void Use(PdfFont font, ReadOnlySpan<ushort> glyphs)
    {
        var marks = used[font];
        foreach (var glyph in glyphs)
        {
            if (glyph >= marks.Length || marks[glyph]) continue;
            if (fonts is not null) throw new InvalidOperationException("A glyph drawn after the fonts were prepared was not reserved.");
            marks[glyph] = true;
        }
    }

    /// <summary>The whole file. Nothing in it depends on the clock or on the process, so the same pages give the same bytes.</summary>
    public byte[] Write(PdfInfo info) => WriteFile(info).ToArray();

    /// <summary>The whole file as its parts, those every document shares (the fonts' files) marked (<see cref="DocumentFile"/>).</summary>
    public PdfBuffer WriteFile(PdfInfo info)
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

        PrepareFonts();
        foreach (var (fontObjects, starts) in fonts!)
        {
            var start = output.Position;
            foreach (var at in starts) offsets.Add(start + at);
            output.Append(fontObjects);
        }

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
        return output;
    }

    /// <summary>The regular document font as the PDF writes it.</summary>
    internal static PdfFont RegularFont => Regular.Value;

    /// <summary>The bold document font as the PDF writes it.</summary>
    internal static PdfFont BoldFont => Bold.Value;

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
/// The bytes of a PDF being written, as a list of parts copied once into an array of the file's exact size: no growing
/// buffer (a ~100 KB one would sit on the large object heap and cost gen-2 collections), and the fonts' objects, the
/// same for every document, are referenced rather than copied until then. Parts written with <see cref="WriteShared"/>
/// are the same bytes in many documents, and are stored once (<see cref="DocumentFile"/>).
/// </summary>
internal sealed class PdfBuffer
{
    private readonly List<byte[]> parts = new(64);
    private List<(int At, PdfSharedPart Part)>? shared;

    public int Position { get; private set; }

    /// <summary>The shared parts in the file, and where each starts in it.</summary>
    public IReadOnlyList<(int At, PdfSharedPart Part)> Shared => shared ?? [];

    /// <summary>The parts in order; <see cref="Shared"/> parts are among them as their own arrays.</summary>
    public IReadOnlyList<byte[]> Parts => parts;

    /// <summary>Adds <paramref name="bytes"/>, which must not change afterwards.</summary>
    public void Write(byte[] bytes)
    {
        parts.Add(bytes);
        Position += bytes.Length;
    }

    /// <summary>Adds a part that many documents share.</summary>
    public void WriteShared(PdfSharedPart part)
    {
        (shared ??= []).Add((Position, part));
        Write(part.Bytes);
    }

    /// <summary>Adds the parts of <paramref name="other"/>, which must not change afterwards.</summary>
    public void Append(PdfBuffer other)
    {
        foreach (var (at, part) in other.Shared) (shared ??= []).Add((Position + at, part));
        parts.AddRange(other.parts);
        Position += other.Position;
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

    /// <summary>The file's SHA-256, from its parts: the file itself is never put together to be stored.</summary>
    public byte[] Sha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts) hash.AppendData(part);
        return hash.GetHashAndReset();
    }
}

/// <summary>Bytes that many documents' files hold the same (a font file cut down to the common alphabets), with their SHA-256, which names them in storage.</summary>
internal sealed class PdfSharedPart(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;
    public byte[] Sha256 { get; } = SHA256.HashData(bytes);

    /// <summary>The SHA-256 in lowercase hex: the part's key in <see cref="DocumentPart"/>.</summary>
    public string Name => name ??= Convert.ToHexStringLower(Sha256);

    private string? name;
}
