using System.Security.Cryptography;
using Adal.Features.Documents;
using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Verification;

/// <summary>What the public learns about a document: only what the document itself shows, and whether it stands.</summary>
public sealed record VerificationResult(
    string Number, bool Genuine, bool Revoked, string Title, string HolderName, DateTime IssuedAt,
    string UniversityKk, string UniversityRu, string UniversityEn, string Sha256, DateTime? RevokedAt, string? RevocationReason,
    LedgerEvidence? Ledger);

/// <summary>
/// The document's entry in the university's log, proven against a signed tree head: the leaf records this
/// number and this file's SHA-256, the audit path leads to the head's root, and the head's signature verifies.
/// </summary>
public sealed record LedgerEvidence(string University, long LeafIndex, long TreeSize, string RootHash, string KeyId, long TreeHeadTimestamp,
    IReadOnlyList<string> AuditPath, bool LeafMatchesDocument, bool InclusionVerified, bool TreeHeadVerified);

/// <summary>
/// Public verification, across universities (a number or a file names its university): by number from the QR code,
/// or by the file itself, whose SHA-256 must match the one stored at issue: one changed byte and it is not genuine.
/// </summary>
public sealed class DocumentVerification(AdalDb db, UniversityLog log)
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
        var evidence = d.LedgerIndex is { } index ? await EvidenceAsync(d, index, tenant.Id, tenant.Slug, ct) : null;
        // Genuine means: issued, not revoked, and — when it has a ledger entry — provably in the signed log.
        var genuine = d.RevokedAt is null && (evidence is null || evidence is { LeafMatchesDocument: true, InclusionVerified: true, TreeHeadVerified: true });
        return new VerificationResult(d.Number, genuine, d.RevokedAt is not null, d.Title, d.HolderName, d.IssuedAt,
            tenant.NameKk, tenant.NameRu, tenant.NameEn, d.Sha256, d.RevokedAt, d.RevocationReason, evidence);
    }

    private async Task<LedgerEvidence?> EvidenceAsync(IssuedDocument d, long index, Guid tenantId, string slug, CancellationToken ct)
    {
        var leaf = await EntryBundles.LeafAsync(db, tenantId, index, ct);
        if (leaf is null) return null;
        var head = await log.LatestHeadAsync(tenantId, slug, ct, covering: index);
        var proof = head.TreeSize > index ? await log.InclusionAsync(tenantId, index, head.TreeSize, ct) : null;
        var matches = LedgerEntry.TryDecode(leaf, out var entry, out _) && entry.EventType == LedgerEventTypes.DocumentIssued
            && entry.Field("document")?.AsText() == d.Number
            && entry.Field("sha256") is { } recorded && Convert.ToHexStringLower(recorded.Value) == d.Sha256;
        var included = proof is not null && MerkleProofs.VerifyInclusion(MerkleHash.Leaf(leaf), index, head.TreeSize, proof.AuditPath, head.RootHash);
        var verifier = await UniversityKeys.VerifierAsync(db, tenantId, slug, ct);
        return new LedgerEvidence(slug, index, head.TreeSize, Convert.ToBase64String(head.RootHash), head.KeyId, head.Timestamp.ToUnixTimeMilliseconds(),
            proof?.AuditPath.Select(Convert.ToBase64String).ToList() ?? [], matches, included, verifier.Verify(head).IsValid);
    }
}
