using System.Security.Cryptography;
using Adal.Features.Documents;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Verification;

/// <summary>What the public learns about a document: only what the document itself shows, and whether it stands.</summary>
public sealed record VerificationResult(
    string Number, bool Genuine, bool Revoked, string Title, string HolderName, DateTime IssuedAt,
    string UniversityKk, string UniversityRu, string UniversityEn, string Sha256, DateTime? RevokedAt, string? RevocationReason);

/// <summary>
/// Public verification, across universities (a number or a file names its university): by number from the QR code,
/// or by the file itself, whose SHA-256 must match the one stored at issue: one changed byte and it is not genuine.
/// </summary>
public sealed class DocumentVerification(AdalDb db)
{
    public async Task<VerificationResult?> ByNumberAsync(string number, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(number) || number.Length > 40) return null;
        var document = await db.Documents.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Number == number.Trim().ToUpperInvariant(), ct);
        return document is null ? null : await ResultAsync(document, ct);
    }

    public async Task<VerificationResult?> ByFileAsync(byte[] file, CancellationToken ct)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(file));
        var document = await db.Documents.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Sha256 == hash, ct);
        return document is null ? null : await ResultAsync(document, ct);
    }

    private async Task<VerificationResult> ResultAsync(IssuedDocument d, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == d.TenantId, ct);
        return new VerificationResult(d.Number, d.RevokedAt is null, d.RevokedAt is not null, d.Title, d.HolderName, d.IssuedAt,
            tenant.NameKk, tenant.NameRu, tenant.NameEn, d.Sha256, d.RevokedAt, d.RevocationReason);
    }
}
