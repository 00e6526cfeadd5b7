using Adal.Features.Ledger;
using Adal.Platform;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Verification;

/// <summary>Assembles a document's proof bundle from its university's log: public, across universities, like /verify.</summary>
public sealed class ProofBundles(AdalDb db, UniversityLog log, IConfiguration configuration)
{
    public async Task<Outcome<ProofBundle>> ForDocumentAsync(string number, string language, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(number) || number.Length > 40) return Problems.NotFound("Problem.DocumentNotFound", language);
        var document = await db.Documents.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Number == number.Trim().ToUpperInvariant(), ct);
        if (document?.LedgerIndex is not { } index) return Problems.NotFound("Problem.DocumentNotFound", language);
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == document.TenantId, ct);
        var leaf = await EntryBundles.LeafAsync(db, tenant.Id, index, ct);
        if (leaf is null) return Problems.NotFound("Problem.DocumentNotFound", language);

        // A head that covers the document, signed now if the latest does not yet.
        var head = await log.LatestHeadAsync(tenant.Id, tenant.Slug, ct, covering: index);
        var proof = await log.InclusionAsync(tenant.Id, index, head.TreeSize, ct);
        if (proof is null) return Problems.NotFound("Problem.DocumentNotFound", language);

        var keys = await db.LedgerKeys.AsNoTracking().Where(k => k.TenantId == tenant.Id).OrderBy(k => k.CreatedAt)
            .Select(k => new { k.KeyId, k.PublicKey }).ToListAsync(ct);
        var baseUrl = (configuration["Adal:PublicBaseUrl"] ?? "http://127.0.0.1:5000").TrimEnd('/');
        return new ProofBundle(
            ProofBundle.CurrentFormat, document.Number, tenant.Slug, UniversityKeys.LogId(tenant.Slug), document.Sha256, index,
            Convert.ToBase64String(leaf),
            new ProofBundleTreeHead(head.TreeSize, Convert.ToBase64String(head.RootHash), head.Timestamp.ToUnixTimeMilliseconds(), head.KeyId, Convert.ToBase64String(head.Signature)),
            proof.AuditPath.Select(Convert.ToBase64String).ToList(),
            keys.ToDictionary(k => k.KeyId, k => Convert.ToBase64String(k.PublicKey)),
            $"{baseUrl}/verify/{document.Number}");
    }
}
