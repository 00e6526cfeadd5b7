using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Adal.Features.Credentials;

/// <summary>Why a proof did not verify.</summary>
public enum ProofProblem { None, Malformed, UnknownKey, BadSignature }

public readonly record struct ProofVerdict(ProofProblem Problem, string? Detail, string? VerificationMethod)
{
    public bool Verified => Problem == ProofProblem.None;

    public static ProofVerdict Fail(ProofProblem problem, string detail, string? verificationMethod = null) => new(problem, detail, verificationMethod);
}

/// <summary>
/// The ecdsa-jcs-2019 cryptosuite of W3C Data Integrity ECDSA Cryptosuites v1.0 (§3.3), for P-256:
/// hashData = SHA-256(JCS(proof configuration)) ‖ SHA-256(JCS(document without proof)); the proof value is the
/// ECDSA P-256/SHA-256 signature of hashData, r ‖ s (64 bytes), multibase base58btc. The proof configuration is
/// the proof without proofValue, carrying the document's @context.
/// </summary>
public static partial class EcdsaJcs2019
{
    public const string ProofType = "DataIntegrityProof";
    public const string Cryptosuite = "ecdsa-jcs-2019";
    public const string AssertionMethod = "assertionMethod";
    private const int SignatureLength = 64;

    /// <summary>Create Proof (§3.3.1): the document with a proof by <paramref name="key"/> added.</summary>
    public static JsonObject AddProof(JsonObject unsecuredDocument, string verificationMethod, DateTimeOffset created, ECDsa key)
    {
        var proof = new JsonObject
        {
            ["type"] = ProofType,
            ["cryptosuite"] = Cryptosuite,
            ["created"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["verificationMethod"] = verificationMethod,
            ["proofPurpose"] = AssertionMethod,
        };
        if (unsecuredDocument["@context"] is { } context) proof["@context"] = context.DeepClone();
        var hashData = HashData(JsonCanonicalization.Canonicalize(proof), JsonCanonicalization.Canonicalize(unsecuredDocument));
        var signature = key.SignData(hashData, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        proof["proofValue"] = Base58Btc.EncodeMultibase(signature);
        var secured = (JsonObject)unsecuredDocument.DeepClone();
        secured["proof"] = proof;
        return secured;
    }

    /// <summary>
    /// Verify Proof (§3.3.2) for a single proof with purpose assertionMethod. <paramref name="resolveKey"/> maps the
    /// proof's verificationMethod to a trusted P-256 key, or null when it names no key the caller trusts.
    /// </summary>
    public static ProofVerdict Verify(JsonObject securedDocument, Func<string, ECDsa?> resolveKey)
    {
        if (securedDocument["proof"] is not JsonObject proof)
            return ProofVerdict.Fail(ProofProblem.Malformed, "The credential has no proof object (only a single proof is supported).");
        var method = Text(proof, "verificationMethod");
        if (Text(proof, "type") != ProofType || Text(proof, "cryptosuite") != Cryptosuite)
            return ProofVerdict.Fail(ProofProblem.Malformed, $"The proof is not a {ProofType} with cryptosuite {Cryptosuite}.", method);
        if (Text(proof, "proofPurpose") != AssertionMethod)
            return ProofVerdict.Fail(ProofProblem.Malformed, $"The proof's purpose is not {AssertionMethod}.", method);
        if (proof["created"] is { } created && (created.GetValueKind() != JsonValueKind.String || !IsXmlDateTime(created.GetValue<string>())))
            return ProofVerdict.Fail(ProofProblem.Malformed, "The proof's created time is not an XML Schema dateTime.", method);
        if (!Base58Btc.TryDecodeMultibase(Text(proof, "proofValue"), out var signature) || signature.Length != SignatureLength)
            return ProofVerdict.Fail(ProofProblem.Malformed, "The proof value is not a multibase base58btc P-256 signature of 64 bytes.", method);
        if (method is null)
            return ProofVerdict.Fail(ProofProblem.Malformed, "The proof names no verification method.");

        var options = (JsonObject)proof.DeepClone();
        options.Remove("proofValue");
        var unsecured = (JsonObject)securedDocument.DeepClone();
        unsecured.Remove("proof");
        if (options["@context"] is { } proofContext)
        {
            // The document's @context must start with the proof's, in order; the proof's is the one that was signed.
            var documentContexts = AsList(securedDocument["@context"]);
            var proofContexts = AsList(proofContext);
            if (proofContexts.Count > documentContexts.Count || proofContexts.Where((c, i) => !JsonNode.DeepEquals(c, documentContexts[i])).Any())
                return ProofVerdict.Fail(ProofProblem.Malformed, "The document's @context does not start with the proof's @context.", method);
            unsecured["@context"] = proofContext.DeepClone();
        }
        if (!JsonCanonicalization.TryCanonicalize(options, out var canonicalOptions, out var problem)
            || !JsonCanonicalization.TryCanonicalize(unsecured, out var canonicalDocument, out problem))
            return ProofVerdict.Fail(ProofProblem.Malformed, problem, method);

        var key = resolveKey(method);
        if (key is null)
            return ProofVerdict.Fail(ProofProblem.UnknownKey, $"The verification method {method} is not a key this verifier trusts.", method);
        var hashData = HashData(canonicalOptions, canonicalDocument);
        return key.VerifyData(hashData, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            ? new ProofVerdict(ProofProblem.None, null, method)
            : ProofVerdict.Fail(ProofProblem.BadSignature, "The signature does not match the credential: it was changed after signing, or signed with another key.", method);
    }

    /// <summary>Hashing (§3.3.4): the proof configuration's hash first, then the document's.</summary>
    public static byte[] HashData(ReadOnlySpan<byte> canonicalProofConfig, ReadOnlySpan<byte> canonicalDocument)
    {
        var hashData = new byte[2 * SHA256.HashSizeInBytes];
        SHA256.HashData(canonicalProofConfig, hashData.AsSpan(0, SHA256.HashSizeInBytes));
        SHA256.HashData(canonicalDocument, hashData.AsSpan(SHA256.HashSizeInBytes));
        return hashData;
    }

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static List<JsonNode?> AsList(JsonNode? context) => context is JsonArray array ? [.. array] : [context];

    private static bool IsXmlDateTime(string text) =>
        XmlDateTime().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    // XML Schema 1.1 dateTime: -?YYYY-MM-DDThh:mm:ss(.s+)?(Z|±hh:mm)?
    [GeneratedRegex(@"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex XmlDateTime();
}
