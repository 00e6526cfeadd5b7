using System.Net;
using System.Security.Cryptography;
using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Platform.Persistence;
using Adal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adal.Tests.Ledger;

/// <summary>The university's log as an independent RFC 9162 client sees it, on SQLite and PostgreSQL.</summary>
public abstract class LedgerTests<TApp>(TApp app) where TApp : AdalApp
{
    private static byte[] B64(string s) => Convert.FromBase64String(s);

    private async Task<(TreeHeadVerifier Verifier, SignedTreeHead Head)> SignedHeadAsync(HttpClient client)
    {
        var sth = await (await client.GetAsync("/api/ledger/demo/sth")).ReadJsonAsync();
        var head = new SignedTreeHead(sth["treeSize"]!.GetValue<long>(), B64(sth["rootHash"]!.GetValue<string>()),
            DateTimeOffset.FromUnixTimeMilliseconds(sth["timestamp"]!.GetValue<long>()), sth["keyId"]!.GetValue<string>(), B64(sth["signature"]!.GetValue<string>()));
        var keys = await (await client.GetAsync("/.well-known/adal/keys")).ReadJsonAsync();
        var verifier = new TreeHeadVerifier(UniversityKeys.LogId("demo"));
        foreach (var (_, key) in keys.AsObject()) verifier.TrustSubjectPublicKeyInfo(B64(key!["publicKey"]!.GetValue<string>()));
        return (verifier, head);
    }

    [Fact]
    public async Task An_issued_document_is_a_leaf_provably_included_in_the_signed_log()
    {
        var student = await app.SignedInAsync("student@demo.local");
        var request = await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = "employer", copies = 1 } });
        var number = request["documentNumber"]!.GetValue<string>();
        var pdf = await (await student.GetAsync($"/api/documents/{number}/pdf")).Content.ReadAsByteArrayAsync();
        var anonymous = app.CreateClient();

        // Verifying signs a head that covers the document if none does yet; then it is the latest head.
        var evidence = (await (await anonymous.GetAsync($"/api/verify/{number}")).ReadJsonAsync())["ledger"]!;
        var (verifier, head) = await SignedHeadAsync(anonymous);
        Assert.True(verifier.Verify(head).IsValid);
        var index = evidence["leafIndex"]!.GetValue<long>();
        Assert.True(evidence["inclusionVerified"]!.GetValue<bool>(), evidence.ToJsonString());

        var entries = await (await anonymous.GetAsync($"/api/ledger/demo/entries?start={index}&end={index}")).ReadJsonAsync();
        var leaf = B64(entries["entries"]![0]!["leaf"]!.GetValue<string>());
        Assert.True(LedgerEntry.TryDecode(leaf, out var entry, out _));
        Assert.Equal(LedgerEventTypes.DocumentIssued, entry!.EventType);
        Assert.Equal(number, entry.Field("document")!.AsText());
        Assert.Equal(SHA256.HashData(pdf), entry.Field("sha256")!.Value.ToArray());
        // No personal data in clear: the holder is a commitment, the name appears nowhere in the leaf.
        Assert.Equal(LedgerFieldKind.Commitment, entry.Field("holder")!.Kind);
        Assert.DoesNotContain("Нұрланова", System.Text.Encoding.UTF8.GetString(leaf));

        var proof = await (await anonymous.GetAsync($"/api/ledger/demo/proof/inclusion?index={index}&treeSize={head.TreeSize}")).ReadJsonAsync();
        var path = proof["auditPath"]!.AsArray().Select(h => B64(h!.GetValue<string>())).ToList();
        Assert.True(MerkleProofs.VerifyInclusion(MerkleHash.Leaf(leaf), index, head.TreeSize, path, head.RootHash));
        leaf[^1] ^= 1;
        Assert.False(MerkleProofs.VerifyInclusion(MerkleHash.Leaf(leaf), index, head.TreeSize, path, head.RootHash));
    }

    [Fact]
    public async Task Each_decision_is_appended_and_later_heads_are_consistent_with_earlier_ones()
    {
        var anonymous = app.CreateClient();
        var (verifier, before) = await SignedHeadAsync(anonymous);
        var student = await app.SignedInAsync("student@demo.local");
        var id = (await Cases.ApplyAsync(student, new { serviceSlug = "academic-leave", fields = Cases.AcademicLeaveFields() }))["id"]!.GetValue<string>();
        var (_, officer) = await Cases.AssigneeAsync(app, id, Cases.Officers);
        await Cases.ActAsync(officer, id, new { action = "reject", reason = "Құжаттар толық емес" });
        app.Clock.Advance(TimeSpan.FromSeconds(2));

        var (_, after) = await SignedHeadAsync(anonymous);
        Assert.True(after.TreeSize >= before.TreeSize + 1);
        var consistency = await (await anonymous.GetAsync($"/api/ledger/demo/proof/consistency?first={before.TreeSize}&second={after.TreeSize}")).ReadJsonAsync();
        var proof = consistency["proof"]!.AsArray().Select(h => B64(h!.GetValue<string>())).ToList();
        Assert.True(MerkleProofs.VerifyConsistency(before.TreeSize, after.TreeSize, before.RootHash, after.RootHash, proof));
        Assert.True(verifier.CheckSuccession(before, after, proof).IsValid);
        // Replaying the older head as if it were new is caught.
        Assert.False(verifier.CheckSuccession(after, before, proof).IsValid);

        var last = await (await anonymous.GetAsync($"/api/ledger/demo/entries?start={after.TreeSize - 1}&end={after.TreeSize - 1}")).ReadJsonAsync();
        Assert.True(LedgerEntry.TryDecode(B64(last["entries"]![0]!["leaf"]!.GetValue<string>()), out var refusal, out _));
        Assert.Equal(LedgerEventTypes.RequestRefused, refusal!.EventType);
        Assert.Equal("academic-leave", refusal.Field("service")!.AsText());
        Assert.Equal(LedgerFieldKind.Commitment, refusal.Field("reason")!.Kind);
    }

    [Fact]
    public async Task A_revoked_document_no_longer_verifies_and_the_revocation_is_in_the_ledger()
    {
        var student = await app.SignedInAsync("student@demo.local");
        var number = (await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = "visa", copies = 1 } }))["documentNumber"]!.GetValue<string>();
        var registrar = await app.SignedInAsync("registrar@demo.local");

        Assert.Equal(HttpStatusCode.Forbidden, (await student.PostJsonAsync($"/api/documents/{number}/revoke", new { reason = "мен қаламаймын" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await registrar.PostJsonAsync($"/api/documents/{number}/revoke", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.PostJsonAsync("/api/documents/DEMO-2026-NOTHERE0/revoke", new { reason = "x" })).StatusCode);
        var revoked = await registrar.PostJsonAsync($"/api/documents/{number}/revoke", new { reason = "Қате деректермен берілген" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostJsonAsync($"/api/documents/{number}/revoke", new { reason = "again" })).StatusCode);

        var verdict = await (await app.CreateClient().GetAsync($"/api/verify/{number}")).ReadJsonAsync();
        Assert.False(verdict["genuine"]!.GetValue<bool>());
        Assert.True(verdict["revoked"]!.GetValue<bool>());
        var size = await app.InDemoAsync((_, db) => db.LedgerStates.Select(s => s.Size).SingleAsync());
        var last = await app.InDemoAsync(async (_, db) => await EntryBundles.LeafAsync(db, await db.LedgerStates.Select(s => s.TenantId).SingleAsync(), size - 1, default));
        Assert.True(LedgerEntry.TryDecode(last, out var entry, out _));
        Assert.Equal(LedgerEventTypes.DocumentRevoked, entry!.EventType);
        Assert.Equal(number, entry.Field("document")!.AsText());
    }

    [Fact]
    public async Task After_a_key_rotation_new_heads_use_the_new_key_and_old_heads_still_verify()
    {
        var anonymous = app.CreateClient();
        var student = await app.SignedInAsync("student@demo.local");
        await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = "visa", copies = 1 } });
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var (_, old) = await SignedHeadAsync(anonymous);

        var tenant = await app.InDemoAsync((_, db) => db.Tenants.Where(t => t.Slug == "demo").Select(t => t.Id).SingleAsync());
        await app.Service<UniversityKeys>().RotateAsync(tenant, default);
        await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = "visa", copies = 1 } });
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var (verifier, fresh) = await SignedHeadAsync(anonymous);

        Assert.NotEqual(old.KeyId, fresh.KeyId);
        Assert.True(verifier.Verify(old).IsValid);
        Assert.True(verifier.Verify(fresh).IsValid);
        var keys = await (await anonymous.GetAsync("/.well-known/adal/keys")).ReadJsonAsync();
        Assert.NotNull(keys[old.KeyId]!["retiredAt"]);
        var audit = await app.InDemoAsync((_, db) => new LedgerAudit(db).RunAsync(tenant, "demo", default));
        Assert.True(audit.Intact, audit.Divergence);
    }

    [Fact]
    public async Task A_failed_save_leaves_neither_the_change_nor_its_ledger_entry()
    {
        var sizeBefore = await app.InDemoAsync((_, db) => db.LedgerStates.Select(s => s.Size).SingleAsync());
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => app.InDemoAsync(async (services, db) =>
        {
            var student = await db.Users.SingleAsync(u => u.Email == "student@demo.local");
            student.FullName = "Changed";
            // The same e-mail twice violates a unique index: the whole unit of work must fail.
            db.Users.Add(new Adal.Platform.Identity.User { Id = Guid.NewGuid(), TenantId = student.TenantId, Email = "officer@demo.local", FullName = "Duplicate" });
            services.GetRequiredService<LedgerRecorder>().Record(new LedgerDraft(LedgerEventTypes.RoleGranted, DateTimeOffset.UtcNow).Text("role", "admin"));
            return await db.SaveChangesAsync();
        }));
        var (sizeAfter, name) = await app.InDemoAsync(async (_, db) =>
            (await db.LedgerStates.Select(s => s.Size).SingleAsync(), await db.Users.Where(u => u.Email == "student@demo.local").Select(u => u.FullName).SingleAsync()));
        Assert.Equal(sizeBefore, sizeAfter);
        Assert.Equal("Нұрланова Әйгерім Серікқызы", name);
        var entries = await app.InDemoAsync(async (_, db) =>
            (await EntryBundles.RangeAsync(db, await db.LedgerStates.Select(s => s.TenantId).SingleAsync(), 0, long.MaxValue - 1, default)).Count);
        Assert.Equal(sizeAfter, entries);
    }

    [Fact]
    public async Task Bad_ledger_queries_get_clear_errors()
    {
        var client = app.CreateClient();
        var size = (await (await client.GetAsync("/api/ledger/demo/sth")).ReadJsonAsync())["treeSize"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/ledger/nowhere/sth")).StatusCode);
        foreach (var url in new[]
        {
            "/api/ledger/demo/entries", "/api/ledger/demo/entries?start=5&end=2", $"/api/ledger/demo/entries?start={size + 10}&end={size + 20}",
            "/api/ledger/demo/entries?start=-1&end=3", "/api/ledger/demo/entries?start=abc&end=3",
            $"/api/ledger/demo/proof/inclusion?index={size}&treeSize={size}", $"/api/ledger/demo/proof/inclusion?index=0&treeSize={size + 1}",
            "/api/ledger/demo/proof/inclusion", "/api/ledger/demo/proof/consistency?first=5&second=3", $"/api/ledger/demo/proof/consistency?first=1&second={size + 1}",
        })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
        }
        var clamped = await (await client.GetAsync($"/api/ledger/demo/entries?start=0&end={size + 5000}")).ReadJsonAsync();
        Assert.Equal(Math.Min(size, LedgerApi.MaxEntriesPerCall), clamped["entries"]!.AsArray().Count);
    }
}

public sealed class LedgerOnSqlite(AdalApp app) : LedgerTests<AdalApp>(app), IClassFixture<AdalApp>;

public sealed class LedgerOnPostgres(PostgresApp app) : LedgerTests<PostgresApp>(app), IClassFixture<PostgresApp>;
