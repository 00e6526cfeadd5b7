using Adal.Ledger;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Ledger;

/// <summary>
/// Brings a log stored by an earlier version into today's shape at start-up: entries kept one per row (table
/// LedgerEntries, left by the migration that introduced bundles) are packed into bundles, and tiles missing after the
/// migration from per-node rows are rebuilt from the entries. The entries are the log; everything else derives from them,
/// and the audit checks it all.
/// </summary>
public static class LedgerRepair
{
    private const int Page = 10_000; // a whole number of bundles

    /// <summary>A legacy row: the columns of LedgerEntries that a bundle keeps.</summary>
    private sealed record LegacyEntry(long Index, byte[] Leaf, string? Openings);

    public static async Task RunAsync(AdalDb db, CancellationToken ct)
    {
        await PackLegacyEntriesAsync(db, ct);
        await RebuildMissingTilesAsync(db, ct);
    }

    /// <returns>The number of logs packed.</returns>
    public static async Task<int> PackLegacyEntriesAsync(AdalDb db, CancellationToken ct)
    {
        var tenants = await db.Database.SqlQuery<Guid>($"""SELECT DISTINCT "TenantId" AS "Value" FROM "LedgerEntries" """).ToListAsync(ct);
        foreach (var tenantId in tenants)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            for (long from = 0; ; from += Page)
            {
                var rows = await db.Database.SqlQuery<LegacyEntry>(
                    $"""SELECT "Index", "Leaf", "Openings" FROM "LedgerEntries" WHERE "TenantId" = {tenantId} AND "Index" >= {from} AND "Index" < {from + Page} ORDER BY "Index" """)
                    .ToListAsync(ct);
                if (rows.Count == 0) break;
                foreach (var bundle in rows.GroupBy(r => r.Index / EntryBundles.Size))
                {
                    var entries = bundle.ToList();
                    db.LedgerBundles.Add(new LedgerBundleRow
                    {
                        TenantId = tenantId, Index = bundle.Key,
                        Leaves = EntryBundles.Encode(entries.Select(e => new StoredEntry(e.Index, e.Leaf)).ToList()),
                        Openings = EntryBundles.EncodeOpenings(entries.Select(e => e.Openings).ToList()),
                    });
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "LedgerEntries" WHERE "TenantId" = {tenantId}""", ct);
            await transaction.CommitAsync(ct);
        }
        return tenants.Count;
    }

    /// <returns>The number of logs rebuilt.</returns>
    public static async Task<int> RebuildMissingTilesAsync(AdalDb db, CancellationToken ct)
    {
        var logs = await db.LedgerStates.AsNoTracking().Where(s => s.Size > 0 && !db.LedgerTiles.Any(t => t.TenantId == s.TenantId)).ToListAsync(ct);
        foreach (var state in logs)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var store = new DbNodeStore(db, state.TenantId, 0);
            var log = new MerkleLog(store);
            for (long from = 0; from < state.Size; from += Page)
            {
                var entries = await EntryBundles.RangeAsync(db, state.TenantId, from, from + Page - 1, ct);
                if (entries.Count == 0) break; // a hole: the audit names it; the tiles cover what precedes it
                log.AppendBatch(entries.Select(e => e.Leaf).ToList());
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return logs.Count;
    }
}
