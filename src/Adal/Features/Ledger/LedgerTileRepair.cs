using Adal.Ledger;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Ledger;

/// <summary>
/// Rebuilds a log's tiles from its entries when they are absent — after the migration that replaced per-node rows
/// with tiles. The entries are the log; tiles are derived from them and are checked by every audit.
/// </summary>
public static class LedgerTileRepair
{
    private const int Page = 10_000;

    /// <returns>The number of logs rebuilt.</returns>
    public static async Task<int> RebuildMissingAsync(AdalDb db, CancellationToken ct)
    {
        var logs = await db.LedgerStates.AsNoTracking().Where(s => s.Size > 0 && !db.LedgerTiles.Any(t => t.TenantId == s.TenantId)).ToListAsync(ct);
        foreach (var state in logs)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var store = new DbNodeStore(db, state.TenantId, 0);
            var log = new MerkleLog(store);
            for (long from = 0; from < state.Size; from += Page)
            {
                var leaves = await db.LedgerEntries.AsNoTracking().Where(e => e.TenantId == state.TenantId && e.Index >= from && e.Index < from + Page)
                    .OrderBy(e => e.Index).Select(e => e.Leaf).ToListAsync(ct);
                if (leaves.Count == 0) break; // a hole: the audit names it; the tiles cover what precedes it
                log.AppendBatch(leaves);
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return logs.Count;
    }
}
