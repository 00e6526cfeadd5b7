using Adal.Ledger;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Ledger;

/// <summary>Reads of one university's log: its size, signed tree heads, entries and proofs.</summary>
public sealed class UniversityLog(AdalDb db, UniversityKeys keys, TimeProvider clock)
{
    public Task<long> SizeAsync(Guid tenantId, CancellationToken ct) => SizeAsync(db, tenantId, ct);

    public static async Task<long> SizeAsync(AdalDb db, Guid tenantId, CancellationToken ct) =>
        await db.LedgerStates.AsNoTracking().Where(s => s.TenantId == tenantId).Select(s => (long?)s.Size).FirstOrDefaultAsync(ct) ?? 0;

    /// <summary>
    /// The newest signed tree head, signing a new one when the log has grown since the last (at most one a second,
    /// as CT logs batch theirs). Every head handed out is stored, so the audit can hold the log to it.
    /// </summary>
    /// <param name="covering">A leaf index the head must include (a document being verified): then a head is signed at once if needed.</param>
    public async Task<SignedTreeHead> LatestHeadAsync(Guid tenantId, string tenantSlug, CancellationToken ct, long? covering = null)
    {
        var size = await SizeAsync(tenantId, ct);
        var last = await db.LedgerTreeHeads.AsNoTracking().Where(h => h.TenantId == tenantId).OrderByDescending(h => h.Id).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var fresh = last is not null && (last.TreeSize == size || now.ToUnixTimeMilliseconds() - last.TimestampMs < 1000);
        if (fresh && (covering is null || last!.TreeSize > covering)) return ToHead(last!);
        var signer = await keys.SignerAsync(tenantId, tenantSlug, ct);
        var root = new MerkleLog(new DbNodeStore(db, tenantId, size)).RootHash(size);
        var head = signer.Sign(size, root);
        db.LedgerTreeHeads.Add(new LedgerTreeHeadRow
        {
            TenantId = tenantId, TreeSize = head.TreeSize, RootHash = head.RootHash, TimestampMs = head.Timestamp.ToUnixTimeMilliseconds(),
            KeyId = head.KeyId, Signature = head.Signature,
        });
        await db.SaveChangesAsync(ct);
        return head;
    }

    public static SignedTreeHead ToHead(LedgerTreeHeadRow row) =>
        new(row.TreeSize, row.RootHash, DateTimeOffset.FromUnixTimeMilliseconds(row.TimestampMs), row.KeyId, row.Signature);

    public async Task<InclusionProof?> InclusionAsync(Guid tenantId, long index, long treeSize, CancellationToken ct)
    {
        var size = await SizeAsync(tenantId, ct);
        var log = new MerkleLog(new DbNodeStore(db, tenantId, size));
        return log.TryGetInclusionProof(index, treeSize, out var proof) ? proof : null;
    }

    public async Task<ConsistencyProof?> ConsistencyAsync(Guid tenantId, long first, long second, CancellationToken ct)
    {
        var size = await SizeAsync(tenantId, ct);
        var log = new MerkleLog(new DbNodeStore(db, tenantId, size));
        return log.TryGetConsistencyProof(first, second, out var proof) ? proof : null;
    }

    /// <summary>The public part of entries: index and leaf, never the openings.</summary>
    public Task<List<StoredEntry>> EntriesAsync(Guid tenantId, long start, long end, CancellationToken ct) =>
        EntryBundles.RangeAsync(db, tenantId, start, end, ct);
}
