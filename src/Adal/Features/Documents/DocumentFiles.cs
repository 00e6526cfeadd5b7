using System.Collections.Concurrent;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Documents;

/// <summary>
/// Stores and reads issued documents' files in their stored form (<see cref="DocumentFile"/>). One per host: it keeps
/// the shared parts it has stored or read (a few, ~12 KB each), so a filing does not write them and a download does not
/// read them again.
/// </summary>
public sealed class DocumentFiles
{
    private readonly ConcurrentDictionary<string, byte[]> parts = new();
    private readonly SemaphoreSlim storing = new(1, 1);

    /// <summary>
    /// Makes sure the parts the file of <paramref name="draft"/> shares are stored, before a document that leaves them
    /// out can be: each in a short transaction of its own, once per part and host. Another host storing the same part
    /// meanwhile is no conflict; the rows are the same.
    /// </summary>
    public async Task StoreSharedAsync(AdalDb db, DocumentPdf.DocumentDraft draft, CancellationToken ct)
    {
        foreach (var part in draft.SharedParts)
        {
            var key = part.Name;
            if (parts.ContainsKey(key)) continue;
            await storing.WaitAsync(ct);
            try
            {
                if (parts.ContainsKey(key)) continue;
                // Not in the caller's unit of work: a part must be there before any document that names it commits, and
                // stay there if that unit fails.
                await using var own = db.Sibling();
                await own.Database.ExecuteSqlAsync(
                    $"INSERT INTO \"DocumentParts\" (\"Sha256\", \"Bytes\") VALUES ({key}, {part.Bytes}) ON CONFLICT DO NOTHING", ct);
                parts[key] = part.Bytes;
            }
            finally
            {
                storing.Release();
            }
        }
    }

    /// <summary>The PDF of <paramref name="document"/>, byte for byte as issued, for a download.</summary>
    /// <exception cref="InvalidDataException">The stored file is damaged or names a part that is missing: the database
    /// was changed outside Adal (the ledger audit finds which documents).</exception>
    public async Task<byte[]> PdfAsync(AdalDb db, IssuedDocument document, CancellationToken ct) =>
        await ReadAsync(db, document.StoredPdf, ct)
        ?? throw new InvalidDataException($"The stored file of document {document.Number} is damaged or names a part that is missing.");

    /// <summary>The PDF <paramref name="stored"/> holds, byte for byte as issued; null when it is damaged or names a part that is missing.</summary>
    public async Task<byte[]?> ReadAsync(AdalDb db, byte[] stored, CancellationToken ct)
    {
        var names = DocumentFile.SharedParts(stored);
        if (names is null) return null;
        foreach (var name in names)
        {
            var key = Convert.ToHexStringLower(name);
            if (parts.ContainsKey(key)) continue;
            var bytes = await db.DocumentParts.AsNoTracking().Where(p => p.Sha256 == key).Select(p => p.Bytes).FirstOrDefaultAsync(ct);
            if (bytes is null) return null;
            // A part read is kept only when it is what its name says: a changed row must not pass for the fonts.
            if (System.Security.Cryptography.SHA256.HashData(bytes).AsSpan().SequenceEqual(name)) parts[key] = bytes;
        }
        return DocumentFile.Unpack(stored, name => parts.GetValueOrDefault(Convert.ToHexStringLower(name)));
    }
}
