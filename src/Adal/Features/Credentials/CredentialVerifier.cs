using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Credentials;

/// <summary>The answer to "is this credential the university's, unchanged, and does its document still stand?".</summary>
public sealed record CredentialVerdict(bool Valid, string? Code, string? Problem, string? Detail, string? Issuer, string? DocumentNumber, bool Revoked);

/// <summary>
/// Checks a credential's ecdsa-jcs-2019 proof against the keys of the universities on this platform, resolving
/// its verification method locally (the platform is the controller document's origin), then that the key's
/// controller is the credential's issuer, then whether the document was revoked since.
/// </summary>
public sealed class CredentialVerifier(AdalDb db)
{
    public async Task<CredentialVerdict> VerifyAsync(JsonObject credential, string language, CancellationToken ct)
    {
        var method = (credential["proof"] as JsonObject)?["verificationMethod"] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>() : null;
        string? controller = null;
        Guid? tenantId = null;
        ECDsa? key = null;
        try
        {
            if (method is not null && IssuerIdentifiers.TryParse(method, out controller, out var slug, out var keyId))
            {
                tenantId = await db.Tenants.AsNoTracking().Where(t => t.Slug == slug).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
                var publicKey = tenantId is null ? null
                    : await db.LedgerKeys.AsNoTracking().Where(k => k.KeyId == keyId && k.TenantId == tenantId).Select(k => k.PublicKey).FirstOrDefaultAsync(ct);
                if (publicKey is not null)
                {
                    key = ECDsa.Create();
                    key.ImportSubjectPublicKeyInfo(publicKey, out _);
                }
            }
            var proof = EcdsaJcs2019.Verify(credential, m => m == method ? key : null);
            if (!proof.Verified)
            {
                var code = proof.Problem switch
                {
                    ProofProblem.UnknownKey => "Credential.UnknownKey",
                    ProofProblem.BadSignature => "Credential.BadSignature",
                    _ => "Credential.Malformed",
                };
                return Invalid(code, language, proof.Detail);
            }

            var issuer = credential["issuer"] switch
            {
                JsonObject o when o["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String => id.GetValue<string>(),
                JsonValue s when s.GetValueKind() == JsonValueKind.String => s.GetValue<string>(),
                _ => null,
            };
            if (issuer != controller)
                return Invalid("Credential.WrongIssuer", language, $"The proof's key belongs to {controller}; the credential names issuer {issuer ?? "(none)"}.");
            if (credential["type"] is not JsonArray types || !types.Any(t => t is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "VerifiableCredential"))
                return Invalid("Credential.Malformed", language, "The document is not of type VerifiableCredential.");

            var number = credential["credentialSubject"]?["documentNumber"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;
            var revokedAt = number is null ? null
                : await db.Documents.IgnoreQueryFilters().AsNoTracking().Where(d => d.Number == number && d.TenantId == tenantId).Select(d => d.RevokedAt).FirstOrDefaultAsync(ct);
            if (revokedAt is { } at)
                return new CredentialVerdict(false, "Credential.Revoked", Languages.Text("Credential.Revoked", language, at.ToString("d", Languages.Culture(language))),
                    null, issuer, number, Revoked: true);
            return new CredentialVerdict(true, null, null, null, issuer, number, Revoked: false);
        }
        finally
        {
            key?.Dispose();
        }
    }

    public static CredentialVerdict Invalid(string code, string language, string? detail) =>
        new(false, code, Languages.Text(code, language), detail, null, null, Revoked: false);
}
