using Adal.Ledger;
using Adal.Platform;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Ledger;

public sealed record TreeHeadView(long TreeSize, string RootHash, long Timestamp, string KeyId, string Signature);

public sealed record EntryView(long Index, string Leaf);

public sealed record EntriesView(IReadOnlyList<EntryView> Entries);

public sealed record InclusionView(long LeafIndex, long TreeSize, IReadOnlyList<string> AuditPath);

public sealed record ConsistencyView(long First, long Second, IReadOnlyList<string> Proof);

public sealed record PublicKeyView(string KeyId, string Tenant, string LogId, string Algorithm, string PublicKey, string PublicKeyPem, DateTime CreatedAt, DateTime? RetiredAt);

/// <summary>
/// The log is public, like Certificate Transparency: shapes follow RFC 6962/9162 (hashes base64, get-entries
/// inclusive), so any independent RFC 9162 client can check a university without reading Adal's code.
/// </summary>
public static class LedgerApi
{
    public const int MaxEntriesPerCall = 1000;

    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ledger/{tenant}").WithTags("Integrity ledger").AllowAnonymous();
        api.MapGet("/sth", Sth).WithSummary("The latest signed tree head: treeSize, rootHash (base64), timestamp (ms since 1970), keyId, signature (base64 ECDSA P-256, IEEE P1363)")
            .Produces<TreeHeadView>().ProducesProblem(404);
        api.MapGet("/entries", Entries).WithSummary($"Leaves start..end inclusive (at most {MaxEntriesPerCall}); leaf = the exact bytes hashed, base64")
            .Produces<EntriesView>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/proof/inclusion", Inclusion).WithSummary("RFC 9162 §2.1.3 audit path of leaf index in the tree of treeSize leaves")
            .Produces<InclusionView>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/proof/consistency", Consistency).WithSummary("RFC 9162 §2.1.4 proof that the tree of first leaves is a prefix of the tree of second leaves")
            .Produces<ConsistencyView>().ProducesValidationProblem().ProducesProblem(404);
        app.MapGet("/.well-known/adal/keys", Keys).WithTags("Integrity ledger").AllowAnonymous()
            .WithSummary("Every public key a university has signed tree heads with, by key id (SubjectPublicKeyInfo, base64 and PEM)")
            .Produces<Dictionary<string, PublicKeyView>>();
        return app;
    }

    private static async Task<IResult> Sth(string tenant, TenantDirectory tenants, UniversityLog log, CancellationToken ct)
    {
        if (await tenants.FindAsync(tenant, ct) is not { } id) return UnknownTenant();
        return TypedResults.Ok(View(await log.LatestHeadAsync(id, tenant.ToLowerInvariant(), ct)));
    }

    private static async Task<IResult> Entries(string tenant, long? start, long? end, TenantDirectory tenants, UniversityLog log, CancellationToken ct)
    {
        if (await tenants.FindAsync(tenant, ct) is not { } id) return UnknownTenant();
        var size = await log.SizeAsync(id, ct);
        var errors = new Requests.FieldErrors();
        if (start is not >= 0) errors.Add("start", Languages.Text("Ledger.IndexRequired", Languages.Current));
        else if (start >= size) errors.Add("start", Languages.Text("Ledger.BeyondLog", Languages.Current, size));
        if (end is null || end < start) errors.Add("end", Languages.Text("Ledger.EndBeforeStart", Languages.Current));
        if (errors.Count > 0) return Problems.Invalid(errors, Languages.Current).ToResult();
        // Like RFC 6962 get-entries, a log may return fewer than asked: at most MaxEntriesPerCall, and none past its end.
        var last = Math.Min(Math.Min(end!.Value, size - 1), start!.Value + MaxEntriesPerCall - 1);
        var rows = await log.EntriesAsync(id, start.Value, last, ct);
        return TypedResults.Ok(new EntriesView(rows.Select(r => new EntryView(r.Index, Convert.ToBase64String(r.Leaf))).ToList()));
    }

    private static async Task<IResult> Inclusion(string tenant, long? index, long? treeSize, TenantDirectory tenants, UniversityLog log, CancellationToken ct)
    {
        if (await tenants.FindAsync(tenant, ct) is not { } id) return UnknownTenant();
        var size = await log.SizeAsync(id, ct);
        var errors = new Requests.FieldErrors();
        if (treeSize is not >= 1 || treeSize > size) errors.Add("treeSize", Languages.Text("Ledger.BeyondLog", Languages.Current, size));
        if (index is not >= 0 || index >= treeSize) errors.Add("index", Languages.Text("Ledger.IndexOutsideTree", Languages.Current));
        if (errors.Count > 0) return Problems.Invalid(errors, Languages.Current).ToResult();
        var proof = await log.InclusionAsync(id, index!.Value, treeSize!.Value, ct);
        return proof is null
            ? Problems.Invalid(new Requests.FieldErrors { ["index"] = [Languages.Text("Ledger.IndexOutsideTree", Languages.Current)] }, Languages.Current).ToResult()
            : TypedResults.Ok(new InclusionView(proof.LeafIndex, proof.TreeSize, proof.AuditPath.Select(Convert.ToBase64String).ToList()));
    }

    private static async Task<IResult> Consistency(string tenant, long? first, long? second, TenantDirectory tenants, UniversityLog log, CancellationToken ct)
    {
        if (await tenants.FindAsync(tenant, ct) is not { } id) return UnknownTenant();
        var size = await log.SizeAsync(id, ct);
        var errors = new Requests.FieldErrors();
        if (second is not >= 1 || second > size) errors.Add("second", Languages.Text("Ledger.BeyondLog", Languages.Current, size));
        if (first is not >= 1 || first > second) errors.Add("first", Languages.Text("Ledger.EndBeforeStart", Languages.Current));
        if (errors.Count > 0) return Problems.Invalid(errors, Languages.Current).ToResult();
        var proof = (await log.ConsistencyAsync(id, first!.Value, second!.Value, ct))!;
        return TypedResults.Ok(new ConsistencyView(proof.FirstSize, proof.SecondSize, proof.Path.Select(Convert.ToBase64String).ToList()));
    }

    private static async Task<IResult> Keys(AdalDb db, CancellationToken ct)
    {
        var keys = await db.LedgerKeys.AsNoTracking().Join(db.Tenants.AsNoTracking(), k => k.TenantId, t => t.Id, (k, t) => new { Key = k, t.Slug }).ToListAsync(ct);
        return TypedResults.Ok(keys.OrderBy(k => k.Key.CreatedAt).ToDictionary(k => k.Key.KeyId, k => new PublicKeyView(
            k.Key.KeyId, k.Slug, UniversityKeys.LogId(k.Slug), "ECDSA-P256-SHA256", Convert.ToBase64String(k.Key.PublicKey),
            System.Security.Cryptography.PemEncoding.WriteString("PUBLIC KEY", k.Key.PublicKey), k.Key.CreatedAt, k.Key.RetiredAt)));
    }

    public static TreeHeadView View(SignedTreeHead head) =>
        new(head.TreeSize, Convert.ToBase64String(head.RootHash), head.Timestamp.ToUnixTimeMilliseconds(), head.KeyId, Convert.ToBase64String(head.Signature));

    private static IResult UnknownTenant() => Problems.NotFound("Ledger.UnknownUniversity", Languages.Current).ToResult();
}
