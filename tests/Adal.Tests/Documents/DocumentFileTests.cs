using System.Security.Cryptography;
using Adal.Features.Documents;

namespace Adal.Tests.Documents;

/// <summary>
/// A document's file is stored with the parts every document shares (the fonts cut down to the common alphabets) left
/// out and named by SHA-256; put back together it is byte for byte the file issued.
/// </summary>
public sealed class DocumentFileTests
{
    private static readonly DocumentContent Certificate = new(
        "kk",
        "Ұлттық демо университеті",
        "Білім алушы екендігі туралы анықтама",
        "Іңкәр Өмірзаққызы Үсенова «Ақпараттық жүйелер» білім беру бағдарламасы бойынша 3-курста оқитыны расталады.",
        "Іңкәр Өмірзаққызы Үсенова",
        "DEMO-2026-7K3QX9MP",
        new DateTime(2026, 11, 23, 9, 5, 0, DateTimeKind.Utc),
        "http://127.0.0.1:5000/verify/DEMO-2026-7K3QX9MP",
        LedgerIndex: null);

    private static (byte[] File, byte[] Stored, Dictionary<string, byte[]> Parts, byte[] Sha256) Issue(DocumentContent content, long index)
    {
        var draft = DocumentPdf.Draft(content);
        var parts = draft.SharedParts.ToDictionary(p => Convert.ToHexStringLower(p.Sha256), p => p.Bytes);
        var file = draft.FinishFile(index);
        return (draft.Finish(index), DocumentFile.Pack(file), parts, file.Sha256());
    }

    private static byte[]? Unpack(byte[] stored, Dictionary<string, byte[]> parts) =>
        DocumentFile.Unpack(stored, name => parts.GetValueOrDefault(Convert.ToHexStringLower(name)));

    [Fact]
    public void A_certificate_is_stored_without_the_fonts_and_put_back_byte_for_byte()
    {
        var (file, stored, parts, sha256) = Issue(Certificate, 1042);

        Assert.Equal(2, parts.Count); // the regular and the bold font file, each with its ToUnicode map
        Assert.Equal(file, Unpack(stored, parts));
        Assert.Equal(SHA256.HashData(file), sha256);
        Assert.Equal(DocumentPdf.Render(Certificate with { LedgerIndex = 1042 }), file);
        // ~30 KB issued, under 8 KB stored: what is left is the page, the widths and the cross-reference table.
        Assert.True(file.Length > 25_000, $"the file is {file.Length:N0} bytes");
        Assert.True(stored.Length < 8_000, $"stored, it is {stored.Length:N0} bytes; expected under 8,000");
        Assert.Equal(parts.Keys.Order(), DocumentFile.SharedParts(stored)!.Select(Convert.ToHexStringLower).Order());
    }

    [Fact]
    public void Two_documents_share_the_same_parts()
    {
        var first = Issue(Certificate, 1);
        var second = Issue(Certificate with { HolderName = "Соловьёв Пётр Ильич", Language = "ru", Title = "Справка с места учёбы" }, 2);

        Assert.Equal(first.Parts.Keys.Order(), second.Parts.Keys.Order());
        Assert.Equal(second.File, Unpack(second.Stored, first.Parts));
    }

    [Fact]
    public void A_font_cut_down_for_one_document_stays_in_that_document()
    {
        // é and ü are outside the common alphabets: the regular font is cut down to this document's glyphs and stored
        // with it; the bold one (the title) is still the shared part.
        var (file, stored, parts, _) = Issue(Certificate with { Language = "en", HolderName = "Zoé Müller", Body = "Zoé Müller is a student." }, 7);

        Assert.Single(parts);
        Assert.Equal(file, Unpack(stored, parts));
    }

    [Fact]
    public void A_file_stored_whole_is_read_as_it_is()
    {
        var file = DocumentPdf.Render(Certificate with { LedgerIndex = 5 });

        Assert.Empty(DocumentFile.SharedParts(file)!);
        Assert.Same(file, DocumentFile.Unpack(file, _ => throw new InvalidOperationException("a whole file names no part")));
    }

    [Fact]
    public void Damaged_stored_bytes_or_a_missing_or_different_part_give_nothing_rather_than_a_wrong_file()
    {
        var (_, stored, parts, _) = Issue(Certificate, 1042);

        Assert.Null(DocumentFile.SharedParts([]));
        Assert.Null(Unpack([], parts));
        Assert.Null(Unpack("not a pdf"u8.ToArray(), parts));
        Assert.Null(Unpack(stored[..9], parts)); // cut inside the head
        Assert.Null(Unpack(stored[..30], parts)); // cut inside the list of parts
        Assert.Null(Unpack(stored, [])); // the parts are missing
        var shorter = parts.ToDictionary(p => p.Key, p => p.Value[..^1]);
        Assert.Null(Unpack(stored, shorter)); // a part of another length
        var badOffset = stored.ToArray();
        badOffset[10] = badOffset[11] = badOffset[12] = badOffset[13] = 0xFF; // the first part would start past the file
        Assert.Null(Unpack(badOffset, parts));
    }
}
