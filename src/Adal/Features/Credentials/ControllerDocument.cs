using System.Text.Json.Nodes;

namespace Adal.Features.Credentials;

/// <summary>
/// The university's controlled identifier document (W3C Controlled Identifiers v1.0), served at its own id:
/// every key the university has signed with, as a P-256 Multikey, each usable for assertions. Retired keys stay
/// listed, like at /.well-known/adal/keys, so credentials signed before a rotation keep verifying.
/// </summary>
public static class ControllerDocument
{
    public const string Context = "https://www.w3.org/ns/cid/v1";

    public static JsonObject Build(string controller, string ledgerUrl, IEnumerable<(string KeyId, byte[] SubjectPublicKeyInfo)> keys)
    {
        var methods = new JsonArray();
        var assertion = new JsonArray();
        foreach (var (keyId, spki) in keys)
        {
            var id = IssuerIdentifiers.VerificationMethod(controller, keyId);
            methods.Add(new JsonObject
            {
                ["id"] = id,
                ["type"] = Multikey.Type,
                ["controller"] = controller,
                ["publicKeyMultibase"] = Multikey.EncodeP256(spki),
            });
            assertion.Add(id);
        }
        return new JsonObject
        {
            ["@context"] = Context,
            ["id"] = controller,
            ["verificationMethod"] = methods,
            ["assertionMethod"] = assertion,
            ["service"] = new JsonArray(new JsonObject
            {
                ["id"] = controller + "#ledger",
                ["type"] = "AdalIntegrityLedger",
                ["serviceEndpoint"] = ledgerUrl,
            }),
        };
    }
}
