using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Adal.Features.Documents;
using Adal.Features.Requests;
using Adal.Platform;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Credentials;

/// <summary>
/// W3C Verifiable Credentials of issued documents: the holder (or case staff) exports one, anyone verifies one,
/// and the university's controller document resolves the proof's verification method to its Multikey.
/// </summary>
public static class CredentialsApi
{
    /// <summary>The media type of a VC 2.0 credential (IANA, 2024); application/vc+ld+json and application/json on request.</summary>
    public const string MediaType = "application/vc";
    public const int MaxCredentialBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEndpointRouteBuilder MapCredentialsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/documents/{number}/credential", Export).RequireAuthorization(AuthSetup.ApiPolicy).WithTags("Credentials")
            .WithSummary("The document as a W3C Verifiable Credential 2.0 with an ecdsa-jcs-2019 Data Integrity proof (holder and case staff only)")
            .Produces(200, contentType: MediaType).ProducesProblem(404).ProducesProblem(409);
        app.MapGet(IssuerIdentifiers.PathPrefix + "{tenant}", Controller).AllowAnonymous().WithTags("Credentials")
            .WithSummary("The university's controlled identifier document: its signing keys as P-256 Multikeys (the credentials' issuer and verification methods)")
            .Produces(200, contentType: "application/json").ProducesProblem(404);
        app.MapPost("/api/verify/credential", Verify).AllowAnonymous().WithTags("Verification")
            .WithSummary("Checks a credential's proof against the universities' keys, and whether its document was revoked: {valid, problem}")
            .Accepts<JsonObject>("application/json", MediaType).Produces<CredentialVerdict>().ProducesProblem(400);
        return app;
    }

    private static async Task<IResult> Export(string number, HttpContext http, AdalDb db, RequestWorkflow workflow, CredentialIssuer issuer, CancellationToken ct)
    {
        var document = await DocumentsApi.FindVisibleAsync(number, http, db, workflow, ct);
        if (document is null) return Problems.NotFound("Problem.DocumentNotFound", Languages.Current).ToResult();
        if (document.RevokedAt is not null) return Problems.Conflict("Credential.NotForRevoked", Languages.Current).ToResult();
        var credential = await issuer.IssueAsync(document, ct);
        return TypedResults.Text(credential.ToJsonString(Indented), ChooseMediaType(http), System.Text.Encoding.UTF8);
    }

    private static async Task<IResult> Controller(string tenant, AdalDb db, IConfiguration configuration, CancellationToken ct)
    {
        var university = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == tenant.ToLowerInvariant(), ct);
        if (university is null) return Problems.NotFound("Ledger.UnknownUniversity", Languages.Current).ToResult();
        var keys = await db.LedgerKeys.AsNoTracking().Where(k => k.TenantId == university.Id).OrderBy(k => k.CreatedAt)
            .Select(k => new { k.KeyId, k.PublicKey }).ToListAsync(ct);
        var document = ControllerDocument.Build(IssuerIdentifiers.Controller(configuration, university.Slug),
            $"{IssuerIdentifiers.BaseUrl(configuration)}/api/ledger/{university.Slug}", keys.Select(k => (k.KeyId, k.PublicKey)));
        return TypedResults.Text(document.ToJsonString(Indented), "application/json", System.Text.Encoding.UTF8);
    }

    private static async Task<IResult> Verify(HttpContext http, CredentialVerifier verifier, CancellationToken ct)
    {
        var language = Languages.Current;
        var body = await ReadAtMostAsync(http.Request.Body, MaxCredentialBytes, ct);
        if (body is null || !JsonCanonicalization.TryParse(body, out var node, out _) || node is not JsonObject credential)
            return new Failure(400, "Credential.NotJson", Languages.Text("Credential.NotJson", language)).ToResult();
        return TypedResults.Ok(await verifier.VerifyAsync(credential, language, ct));
    }

    private static string ChooseMediaType(HttpContext http)
    {
        var accept = http.Request.GetTypedHeaders().Accept;
        foreach (var type in new[] { MediaType, "application/vc+ld+json", "application/json" })
            if (accept.Any(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))) return type;
        return MediaType;
    }

    /// <summary>The body, or null when it is empty or longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) return null;
        }
        return buffer.Length == 0 ? null : buffer.ToArray();
    }
}
