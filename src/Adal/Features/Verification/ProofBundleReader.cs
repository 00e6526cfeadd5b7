using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Adal.Ledger;

namespace Adal.Features.Verification;

/// <summary>A proof bundle read and decoded, every field checked for type and shape (not yet for truth).</summary>
public sealed record ParsedProofBundle(
    string DocumentNumber, string Tenant, string LogId, string Sha256, long LeafIndex, byte[] Leaf, SignedTreeHead TreeHead,
    byte[][] AuditPath, List<(string KeyId, byte[] Spki)> PublicKeys, string? VerifyUrl);

/// <summary>Reads adal-proof-v1 JSON from an untrusted file: false with the first problem found, never an exception.</summary>
public static class ProofBundleReader
{
    /// <summary>No leaf of a document.issued entry comes near this; a bigger one is refused before decoding.</summary>
    public const int MaxLeafBytes = 256 * 1024;

    public static bool TryRead(string json, [NotNullWhen(true)] out ParsedProofBundle? bundle, [NotNullWhen(false)] out string? problem)
    {
        bundle = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            problem = $"it is not valid JSON ({e.Message})";
            return false;
        }
        using (document)
        {
            problem = Read(document.RootElement, out bundle);
            return problem is null;
        }
    }

    private static string? Read(JsonElement root, out ParsedProofBundle? bundle)
    {
        bundle = null;
        if (root.ValueKind != JsonValueKind.Object) return "it is not a JSON object";
        if (Text(root, "format") is not { } format) return "it has no \"format\"";
        if (format != ProofBundle.CurrentFormat) return $"its format is '{format}', not {ProofBundle.CurrentFormat}";
        if (Text(root, "documentNumber") is not { Length: > 0 } number) return "it has no \"documentNumber\"";
        if (Text(root, "tenant") is not { Length: > 0 } tenant) return "it has no \"tenant\"";
        if (Text(root, "logId") is not { Length: > 0 and <= 255 } logId) return "it has no \"logId\" of 1 to 255 characters";
        if (Text(root, "sha256") is not { Length: 64 } sha256 || !sha256.All(Uri.IsHexDigit)) return "\"sha256\" is not 64 hexadecimal digits";
        var leafIndex = Integer(root, "leafIndex");
        if (leafIndex is not >= 0) return "\"leafIndex\" is not an integer of 0 or more";
        if (!TryBase64(Text(root, "leaf"), MaxLeafBytes, out var leaf) || leaf.Length == 0) return "\"leaf\" is not base64";

        if (!root.TryGetProperty("treeHead", out var headElement) || headElement.ValueKind != JsonValueKind.Object) return "it has no \"treeHead\" object";
        var treeSize = Integer(headElement, "treeSize");
        if (treeSize is not >= 1) return "\"treeHead.treeSize\" is not an integer of 1 or more";
        if (!HashBase64.TryDecode(Text(headElement, "rootHash"), out var rootHash)) return "\"treeHead.rootHash\" is not base64 of 32 bytes";
        if (Integer(headElement, "timestamp") is not { } milliseconds
            || milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            return "\"treeHead.timestamp\" is not milliseconds since 1970";
        if (Text(headElement, "keyId") is not { Length: > 0 } keyId) return "it has no \"treeHead.keyId\"";
        if (!TryBase64(Text(headElement, "signature"), 1024, out var signature)) return "\"treeHead.signature\" is not base64";

        if (!root.TryGetProperty("auditPath", out var pathElement) || pathElement.ValueKind != JsonValueKind.Array) return "it has no \"auditPath\" array";
        var pathTexts = pathElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).ToList();
        if (!HashBase64.TryDecodePath(pathTexts, out var auditPath))
            return $"\"auditPath\" holds something other than base64 hashes of 32 bytes, or more than {HashBase64.MaxPathLength}";

        var keys = new List<(string, byte[])>();
        if (root.TryGetProperty("publicKeys", out var keysElement))
        {
            if (keysElement.ValueKind != JsonValueKind.Object) return "\"publicKeys\" is not an object";
            foreach (var key in keysElement.EnumerateObject())
            {
                if (key.Value.ValueKind != JsonValueKind.String || !TryBase64(key.Value.GetString(), 4096, out var spki) || spki.Length == 0)
                    return $"public key '{key.Name}' is not base64";
                keys.Add((key.Name, spki));
            }
        }
        var head = new SignedTreeHead(treeSize.Value, rootHash, DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), keyId, signature);
        bundle = new ParsedProofBundle(number, tenant, logId, sha256.ToLowerInvariant(), leafIndex.Value, leaf, head, auditPath, keys, Text(root, "verifyUrl"));
        return null;
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Integer(JsonElement o, string name) =>
        o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private static bool TryBase64(string? text, int maxBytes, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Length > (maxBytes + 2) / 3 * 4) return false;
        var buffer = new byte[text.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written)) return false;
        bytes = buffer[..written];
        return true;
    }
}
