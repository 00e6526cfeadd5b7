using System.Buffers.Binary;

namespace Adal.Features.Documents;

/// <summary>
/// A TrueType font cut down to given glyphs: once per process to the common alphabets, and for a document that draws
/// other glyphs, to its own (<see cref="PdfFont"/>). Glyph ids stay as they are (the other glyphs keep their place with
/// no outline), so the page's text, written as glyph ids through Identity-H, needs no renumbering. Every certificate used to carry both font files whole, ~37 KB each after deflate, though one uses
/// ~60 of their ~830 glyphs: most of each issued document's bytes, written to the database and its log for every
/// certificate. The file keeps the tables a PDF's embedded TrueType font needs (PDF 32000-1 §9.9: head, hhea, loca,
/// maxp, glyf, hmtx) and the small ones viewers may read (OS/2, cmap, post, gasp); not the name table (~15 KB, the
/// font's names and licence text, which nothing in a PDF reads).
/// </summary>
internal sealed class TrueTypeSubset
{
    private static readonly string[] Required = ["glyf", "head", "hhea", "hmtx", "loca", "maxp"];
    private static readonly string[] Kept = [.. Required, "OS/2", "cmap", "gasp", "post"];

    private readonly Dictionary<string, byte[]> tables = [];
    private readonly byte[] glyf;
    private readonly int[] starts; // where each glyph's outline starts in glyf; starts[g + 1] - starts[g] is its length
    private readonly int[][] components; // the glyphs a composite glyph is built of

    public TrueTypeSubset(byte[] file)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            var record = file.AsSpan(12 + 16 * i, 16);
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            if (Kept.Contains(tag)) tables[tag] = file.AsSpan(offset, length).ToArray();
        }
        foreach (var tag in Required)
            if (!tables.ContainsKey(tag)) throw new InvalidDataException($"The font has no {tag} table.");

        GlyphCount = BinaryPrimitives.ReadUInt16BigEndian(tables["maxp"].AsSpan(4));
        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(tables["head"].AsSpan(50)) == 1;
        var loca = tables["loca"];
        starts = new int[GlyphCount + 1];
        for (var g = 0; g <= GlyphCount; g++)
            starts[g] = longOffsets ? (int)BinaryPrimitives.ReadUInt32BigEndian(loca.AsSpan(4 * g)) : 2 * BinaryPrimitives.ReadUInt16BigEndian(loca.AsSpan(2 * g));
        glyf = tables["glyf"];
        components = new int[GlyphCount][];
        for (var g = 0; g < GlyphCount; g++) components[g] = ComponentsOf(g);
    }

    public int GlyphCount { get; }

    /// <summary>
    /// The font file with only the outlines of <paramref name="used"/> glyphs (one mark per glyph id), the glyphs their
    /// composites are built of, and glyph 0, which a viewer draws for a missing glyph.
    /// </summary>
    public byte[] Subset(bool[] used)
    {
        var keep = new bool[GlyphCount];
        var pending = new Stack<int>();
        pending.Push(0);
        for (var g = 0; g < Math.Min(used.Length, GlyphCount); g++)
            if (used[g]) pending.Push(g);
        while (pending.Count > 0)
        {
            var g = pending.Pop();
            if (keep[g]) continue;
            keep[g] = true;
            foreach (var part in components[g]) pending.Push(part);
        }

        var size = 0;
        for (var g = 0; g < GlyphCount; g++)
            if (keep[g]) size += Padded(starts[g + 1] - starts[g]);
        var newGlyf = new byte[size];
        var newLoca = new byte[4 * (GlyphCount + 1)];
        var at = 0;
        for (var g = 0; g < GlyphCount; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(4 * g), (uint)at);
            if (!keep[g]) continue;
            var length = starts[g + 1] - starts[g];
            glyf.AsSpan(starts[g], length).CopyTo(newGlyf.AsSpan(at));
            at += Padded(length);
        }
        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(4 * GlyphCount), (uint)at);

        var head = tables["head"].ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checkSumAdjustment, set once the file is whole
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // the new loca has 32-bit offsets
        var written = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (tag, bytes) in tables) written[tag] = bytes;
        (written["glyf"], written["loca"], written["head"]) = (newGlyf, newLoca, head);
        return Assemble(written);
    }

    private int[] ComponentsOf(int glyph)
    {
        var outline = glyf.AsSpan(starts[glyph], starts[glyph + 1] - starts[glyph]);
        if (outline.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(outline) >= 0) return [];
        var parts = new List<int>();
        var at = 10;
        while (true)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(outline[at..]);
            parts.Add(BinaryPrimitives.ReadUInt16BigEndian(outline[(at + 2)..]));
            at += 4 + ((flags & 0x0001) != 0 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
            if ((flags & 0x0008) != 0) at += 2; // WE_HAVE_A_SCALE
            else if ((flags & 0x0040) != 0) at += 4; // WE_HAVE_AN_X_AND_Y_SCALE
            else if ((flags & 0x0080) != 0) at += 8; // WE_HAVE_A_TWO_BY_TWO
            if ((flags & 0x0020) == 0) return [.. parts]; // MORE_COMPONENTS
        }
    }

    private static int Padded(int length) => (length + 3) & ~3;

    /// <summary>The font file: the table directory, sorted by tag, and each table on a four-byte boundary with its checksum.</summary>
    private static byte[] Assemble(SortedDictionary<string, byte[]> written)
    {
        var count = written.Count;
        var directory = 12 + 16 * count;
        var size = directory + written.Values.Sum(t => Padded(t.Length));
        var file = new byte[size];
        var power = 1;
        var log2 = 0;
        while (power * 2 <= count) (power, log2) = (power * 2, log2 + 1);
        BinaryPrimitives.WriteUInt32BigEndian(file, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(4), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(6), (ushort)(16 * power));
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(8), (ushort)log2);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(10), (ushort)(16 * count - 16 * power));
        var record = 12;
        var at = directory;
        var headAt = 0;
        foreach (var (tag, bytes) in written)
        {
            System.Text.Encoding.ASCII.GetBytes(tag, file.AsSpan(record));
            bytes.CopyTo(file.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(record + 4), Checksum(file.AsSpan(at, Padded(bytes.Length))));
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(record + 8), (uint)at);
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(record + 12), (uint)bytes.Length);
            if (tag == "head") headAt = at;
            record += 16;
            at += Padded(bytes.Length);
        }
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(headAt + 8), 0xB1B0AFBA - Checksum(file));
        return file;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 4 <= data.Length; i += 4) sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        return sum;
    }
}
