using System.Buffers.Binary;

namespace Adal.Features.Documents;

/// <summary>
/// How an issued document's PDF is stored (ADR 0012). Nearly every document embeds the same two font files, cut down to
/// the common alphabets: 23.5 of a certificate's 30 KB, written to the database (and its log) with every filing. Those
/// parts are stored once, in <see cref="DocumentPart"/> under their SHA-256, and a document stores its file with them
/// left out and named:
/// <code>
/// "ADALPDF1"  u16 count  (u32 offset in the file, 32-byte SHA-256, u32 length) × count  the file's other bytes, in order
/// </code>
/// A stored file that starts with "%PDF" is the file itself (documents issued before, and files with no shared part).
/// Putting a file back together only copies bytes, so it is byte for byte the file issued, with the SHA-256 the ledger
/// recorded; integers are little-endian.
/// </summary>
internal static class DocumentFile
{
    private static ReadOnlySpan<byte> Magic => "ADALPDF1"u8;
    private const int HeadLength = 8 + 2;
    private const int PartLength = 4 + 32 + 4;

    /// <summary>The stored form of <paramref name="file"/>: its shared parts left out, or the file itself when it has none.</summary>
    public static byte[] Pack(PdfBuffer file)
    {
        var shared = file.Shared;
        if (shared.Count == 0) return file.ToArray();
        var sharedLength = 0;
        foreach (var (_, part) in shared) sharedLength += part.Bytes.Length;
        var head = HeadLength + shared.Count * PartLength;
        var stored = GC.AllocateUninitializedArray<byte>(head + file.Position - sharedLength);
        Magic.CopyTo(stored);
        BinaryPrimitives.WriteUInt16LittleEndian(stored.AsSpan(8), (ushort)shared.Count);
        var at = HeadLength;
        foreach (var (offset, part) in shared)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(stored.AsSpan(at), (uint)offset);
            part.Sha256.CopyTo(stored, at + 4);
            BinaryPrimitives.WriteUInt32LittleEndian(stored.AsSpan(at + 36), (uint)part.Bytes.Length);
            at += PartLength;
        }
        // The shared parts are their own arrays among the file's parts, at the positions noted.
        var (position, next) = (0, 0);
        foreach (var bytes in file.Parts)
        {
            if (next < shared.Count && shared[next].At == position && ReferenceEquals(shared[next].Part.Bytes, bytes)) next++;
            else
            {
                bytes.CopyTo(stored, at);
                at += bytes.Length;
            }
            position += bytes.Length;
        }
        return stored;
    }

    /// <summary>The SHA-256 of each part <paramref name="stored"/> leaves out: none for a file stored whole; null when it is neither form.</summary>
    public static IReadOnlyList<byte[]>? SharedParts(byte[] stored)
    {
        if (!stored.AsSpan().StartsWith(Magic)) return stored.AsSpan().StartsWith("%PDF"u8) ? [] : null;
        if (!TryReadHead(stored, out var parts)) return null;
        return parts.ConvertAll(p => p.Sha256);
    }

    /// <summary>
    /// The file <paramref name="stored"/> holds, with each part it leaves out from <paramref name="part"/> (by SHA-256);
    /// null when the stored bytes are damaged or a part is missing or not of its length.
    /// </summary>
    public static byte[]? Unpack(byte[] stored, Func<byte[], byte[]?> part)
    {
        if (!stored.AsSpan().StartsWith(Magic)) return stored.AsSpan().StartsWith("%PDF"u8) ? stored : null;
        if (!TryReadHead(stored, out var parts)) return null;
        var rest = stored.AsSpan(HeadLength + parts.Count * PartLength);
        var length = (long)rest.Length;
        foreach (var p in parts) length += p.Length;
        if (length > Array.MaxLength) return null;
        var file = GC.AllocateUninitializedArray<byte>((int)length);
        var (at, from) = (0, 0);
        foreach (var (offset, sha256, partLength) in parts)
        {
            var bytes = part(sha256);
            if (bytes is null || bytes.Length != partLength || offset < at || offset - at > rest.Length - from) return null;
            rest.Slice(from, offset - at).CopyTo(file.AsSpan(at));
            from += offset - at;
            bytes.CopyTo(file, offset);
            at = offset + partLength;
        }
        if (file.Length - at != rest.Length - from) return null;
        rest[from..].CopyTo(file.AsSpan(at));
        return file;
    }

    private static bool TryReadHead(byte[] stored, out List<(int Offset, byte[] Sha256, int Length)> parts)
    {
        parts = [];
        if (stored.Length < HeadLength) return false;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(stored.AsSpan(8));
        if (count == 0 || stored.Length < HeadLength + count * PartLength) return false;
        for (var i = 0; i < count; i++)
        {
            var at = HeadLength + i * PartLength;
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(stored.AsSpan(at));
            var length = BinaryPrimitives.ReadUInt32LittleEndian(stored.AsSpan(at + 36));
            if (offset > int.MaxValue || length > int.MaxValue) return false;
            parts.Add(((int)offset, stored[(at + 4)..(at + 36)], (int)length));
        }
        return true;
    }
}
