using Adal.Features.Documents;
using Adal.Features.Ledger;
using Adal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Adal.Tests.Ledger;

/// <summary>Someone with database access tampers with the record; the audit names the first place it no longer holds.</summary>
public abstract class LedgerAuditTests<TApp>(TApp app) where TApp : AdalApp
{
    private Task<LedgerAuditResult> AuditAsync() =>
        app.InDemoAsync((_, db) => new LedgerAudit(db).RunAsync(db.Tenants.Single(t => t.Slug == "demo").Id, "demo", default));

    [Fact]
    public async Task The_audit_catches_an_altered_a_deleted_and_two_swapped_entries_and_a_replaced_pdf()
    {
        var student = await app.SignedInAsync("student@demo.local");
        for (var i = 0; i < 3; i++)
            await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = "visa", copies = 1 } });
        // A head that covers everything so far: the audit holds the log to it.
        await app.CreateClient().GetAsync("/api/ledger/demo/sth");
        var intact = await AuditAsync();
        Assert.True(intact.Intact, intact.Divergence);
        Assert.True(intact.DocumentsChecked >= 3);
        Assert.True(intact.TreeHeadsVerified >= 1);
        var tenant = await app.InDemoAsync((_, db) => db.Tenants.Where(t => t.Slug == "demo").Select(t => t.Id).SingleAsync());
        const long k = 40;

        // The entries are stored sixteen to a row: tampering means rewriting entry k's bundle.
        var bundle = k / EntryBundles.Size;
        var original = await app.InDemoAsync((_, db) => db.LedgerBundles.Where(b => b.TenantId == tenant && b.Index == bundle).Select(b => b.Leaves).SingleAsync());
        var records = EntryBundles.Decode(original);
        var at = records.FindIndex(r => r.Index == k);
        Task<int> StoreAsync(IReadOnlyList<StoredEntry> entries) => app.InDemoAsync((_, db) =>
            db.LedgerBundles.Where(b => b.TenantId == tenant && b.Index == bundle).ExecuteUpdateAsync(u => u.SetProperty(b => b.Leaves, EntryBundles.Encode(entries))));

        // 1. A changed byte in one entry (say, a decision's service or a grade's value).
        var altered = records.ToList();
        var leaf = altered[at].Leaf.ToArray();
        leaf[^1] ^= 0x20;
        altered[at] = altered[at] with { Leaf = leaf };
        await StoreAsync(altered);
        var afterAlter = await AuditAsync();
        Assert.False(afterAlter.Intact);
        Assert.Equal(k, afterAlter.LeafIndex);
        await StoreAsync(records);

        // 2. An entry deleted.
        await StoreAsync(records.Where(r => r.Index != k).ToList());
        var afterDelete = await AuditAsync();
        Assert.False(afterDelete.Intact);
        Assert.Equal(k, afterDelete.LeafIndex);
        Assert.Contains($"Entry {k} is missing", afterDelete.Divergence);
        await StoreAsync(records);

        // 3. Two entries swapped.
        var swapped = records.ToList();
        (swapped[at], swapped[at + 1]) = (swapped[at] with { Leaf = records[at + 1].Leaf }, swapped[at + 1] with { Leaf = records[at].Leaf });
        await StoreAsync(swapped);
        var afterSwap = await AuditAsync();
        Assert.False(afterSwap.Intact);
        Assert.Equal(k, afterSwap.LeafIndex);
        await StoreAsync(records);
        Assert.True((await AuditAsync()).Intact);

        // 4. An issued PDF replaced in the documents table (the log itself untouched).
        var document = await app.InDemoAsync((_, db) => db.Documents.AsNoTracking().OrderBy(d => d.IssuedAt).FirstAsync());
        var forged = document.StoredPdf.ToArray();
        forged[forged.Length / 2] ^= 0x01;
        await app.InDemoAsync((_, db) => db.Documents.Where(d => d.Number == document.Number).ExecuteUpdateAsync(u => u.SetProperty(d => d.StoredPdf, forged)));
        var afterForgery = await AuditAsync();
        Assert.False(afterForgery.Intact);
        Assert.Contains(document.Number, afterForgery.Divergence);
        Assert.Equal(document.LedgerIndex, afterForgery.LeafIndex);
        await app.InDemoAsync((_, db) => db.Documents.Where(d => d.Number == document.Number).ExecuteUpdateAsync(u => u.SetProperty(d => d.StoredPdf, document.StoredPdf)));
        Assert.True((await AuditAsync()).Intact);
    }

    [Fact]
    public async Task A_changed_stored_tile_is_caught_and_lost_tiles_are_rebuilt_from_the_entries()
    {
        var tenant = await app.InDemoAsync((_, db) => db.Tenants.Where(t => t.Slug == "demo").Select(t => t.Id).SingleAsync());
        var size = await app.InDemoAsync((_, db) => db.LedgerStates.Where(s => s.TenantId == tenant).Select(s => s.Size).SingleAsync());
        Assert.True(size > 300, "the demo log spans more than one tile");
        var root = await app.InDemoAsync((_, db) => new LedgerAudit(db).RunAsync(tenant, "demo", default));
        Assert.True(root.Intact, root.Divergence);

        // A stored hash changed in the first tile (level 0: leaf hashes): the audit names the leaf whose hash it holds.
        var tile = await app.InDemoAsync((_, db) => db.LedgerTiles.AsNoTracking().SingleAsync(t => t.TenantId == tenant && t.Level == 0 && t.Index == 0));
        var damaged = tile.Hashes.ToArray();
        damaged[5 * 32] ^= 0x01;
        await app.InDemoAsync((_, db) => db.LedgerTiles.Where(t => t.TenantId == tenant && t.Level == 0 && t.Index == 0).ExecuteUpdateAsync(u => u.SetProperty(t => t.Hashes, damaged)));
        var afterDamage = await AuditAsync();
        Assert.False(afterDamage.Intact);
        Assert.Equal(5, afterDamage.LeafIndex);

        // Tiles are derived from the entries: with all of them gone, start-up rebuilds them and the log is whole again.
        await app.InDemoAsync((_, db) => db.LedgerTiles.Where(t => t.TenantId == tenant).ExecuteDeleteAsync());
        Assert.Equal(1, await app.InDemoAsync((_, db) => LedgerRepair.RebuildMissingTilesAsync(db, default)));
        var rebuilt = await AuditAsync();
        Assert.True(rebuilt.Intact, rebuilt.Divergence);
        Assert.Equal(root.RootHash, rebuilt.RootHash);
        Assert.Equal(0, await app.InDemoAsync((_, db) => LedgerRepair.RebuildMissingTilesAsync(db, default)));
    }
}

public sealed class LedgerAuditOnSqlite(AdalApp app) : LedgerAuditTests<AdalApp>(app), IClassFixture<AdalApp>;

public sealed class LedgerAuditOnPostgres(PostgresApp app) : LedgerAuditTests<PostgresApp>(app), IClassFixture<PostgresApp>;
