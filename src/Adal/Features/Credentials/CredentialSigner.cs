using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Adal.Features.Ledger;

namespace Adal.Features.Credentials;

/// <summary>
/// Signs credentials with the university's ledger key — one key, one identity, published once at
/// /.well-known/adal/keys and in the controller document. The key material is the same Data-Protection-protected
/// PKCS#8 that UniversityKeys keeps; LogSigner signs only tree heads, so the key is re-imported here for
/// Data Integrity proofs. The two uses cannot be confused: a tree head signature covers "adal-sth-v1" ‖ … (at
/// least 66 bytes), an ecdsa-jcs-2019 proof exactly 64 bytes of hashes.
/// </summary>
public sealed class CredentialSigner(UniversityKeys keys) : IDisposable
{
    private readonly ConcurrentDictionary<string, ECDsa> _byKeyId = new(StringComparer.Ordinal);
    private readonly Lock _signing = new();

    /// <summary>The credential with an ecdsa-jcs-2019 proof by the university's current key.</summary>
    public async Task<JsonObject> AddProofAsync(Guid tenantId, string tenantSlug, string controller, JsonObject credential, DateTimeOffset created, CancellationToken ct)
    {
        var signer = await keys.SignerAsync(tenantId, tenantSlug, ct);
        var key = _byKeyId.GetOrAdd(signer.KeyId, _ =>
        {
            var imported = ECDsa.Create();
            imported.ImportFromPem(signer.ExportPrivateKeyPem());
            return imported;
        });
        var method = IssuerIdentifiers.VerificationMethod(controller, signer.KeyId);
        // An ECDsa instance is not documented as safe for concurrent use; signing takes well under a millisecond.
        lock (_signing) return EcdsaJcs2019.AddProof(credential, method, created, key);
    }

    public void Dispose()
    {
        foreach (var key in _byKeyId.Values) key.Dispose();
        _byKeyId.Clear();
    }
}
