using System.Security.Cryptography;
using Adal.Features.Ledger;
using Adal.Ledger;

namespace Adal.Features.Verification;

/// <summary>Why a file and its proof bundle do not check out.</summary>
public enum OfflineProblem { None, Malformed, UnknownKey, BadSignature, LeafNotInTree, WrongLeaf, FileChanged }

/// <summary>What a genuine document's proof established.</summary>
public sealed record VerifiedDocument(
    string Number, DateTimeOffset IssuedAt, string Tenant, string LogId, string? Service, string Sha256,
    long LeafIndex, long TreeSize, DateTimeOffset TreeHeadSignedAt, string KeyId, bool KeyFromBundle, string? VerifyUrl);

public sealed record OfflineVerdict(OfflineProblem Problem, string Reason, VerifiedDocument? Document)
{
    public bool Genuine => Problem == OfflineProblem.None;
}

/// <summary>
/// Checks a PDF against its proof bundle with nothing but the bundle and a trusted key — no network, no database:
/// the tree head is signed by a trusted key of the university's log; the leaf is in that tree (RFC 9162 §2.1.3.2);
/// the leaf is the document.issued entry of this document; the file's SHA-256 is the one the leaf recorded.
/// The signature and the audit path come first: what the leaf says only counts once the university is known to
/// have logged it. Nothing here throws on input; every refusal carries a reason a person can act on.
/// </summary>
public static class OfflineVerifier
{
    /// <param name="trustedKeys">SubjectPublicKeyInfo of the keys to trust (from --key); null trusts the bundle's own keys.</param>
    public static OfflineVerdict Check(ReadOnlySpan<byte> file, string bundleJson, IReadOnlyList<byte[]>? trustedKeys)
    {
        if (!ProofBundleReader.TryRead(bundleJson, out var bundle, out var problem))
            return Refuse(OfflineProblem.Malformed, $"The proof bundle is malformed: {problem}");
        if (bundle.LogId != UniversityKeys.LogId(bundle.Tenant))
            return Refuse(OfflineProblem.Malformed, $"The proof bundle is malformed: log id '{bundle.LogId}' is not the log of university '{bundle.Tenant}'.");

        using var verifier = new TreeHeadVerifier(bundle.LogId);
        var keys = trustedKeys is null ? bundle.PublicKeys : trustedKeys.Select(k => (KeyId: "--key", Spki: k)).ToList();
        foreach (var (keyId, spki) in keys)
        {
            var import = verifier.TrustSubjectPublicKeyInfo(spki);
            if (!import.Succeeded)
                return Refuse(OfflineProblem.Malformed, $"The proof bundle is malformed: public key '{keyId}' is unusable: {import.Problem}");
        }
        var head = bundle.TreeHead;
        if (!verifier.KeyIds.Contains(head.KeyId))
            return Refuse(OfflineProblem.UnknownKey, trustedKeys is null
                ? $"The tree head is signed with key {head.KeyId}, which the bundle does not include."
                : $"The tree head is signed with key {head.KeyId}, which is not the key you gave with --key: the proof is not from that university, or was made up.");
        var signature = verifier.Verify(head);
        if (!signature.IsValid)
            return Refuse(OfflineProblem.BadSignature, $"The tree head's signature is not valid: {signature.Problem} The proof was altered or forged.");

        var inclusion = MerkleProofs.CheckInclusion(MerkleHash.Leaf(bundle.Leaf), bundle.LeafIndex, head.TreeSize, bundle.AuditPath, head.RootHash);
        if (!inclusion.IsValid)
            return Refuse(OfflineProblem.LeafNotInTree, $"The leaf is not in the signed tree: {inclusion.Problem}");

        if (!LedgerEntry.TryDecode(bundle.Leaf, out var entry, out var leafProblem))
            return Refuse(OfflineProblem.WrongLeaf, $"The leaf is not a ledger entry: {leafProblem}");
        if (entry.EventType != LedgerEventTypes.DocumentIssued)
            return Refuse(OfflineProblem.WrongLeaf, $"The leaf records '{entry.EventType}', not the issue of a document.");
        if (entry.Field("document") is not { Kind: LedgerFieldKind.Text } numberField || numberField.AsText() != bundle.DocumentNumber)
            return Refuse(OfflineProblem.WrongLeaf, $"The leaf does not record document {bundle.DocumentNumber}.");
        if (entry.Field("sha256") is not { Kind: LedgerFieldKind.Bytes } hashField || hashField.Value.Length != SHA256.HashSizeInBytes)
            return Refuse(OfflineProblem.WrongLeaf, "The leaf records no SHA-256 of the document.");
        var recorded = Convert.ToHexStringLower(hashField.Value);
        if (!string.Equals(bundle.Sha256, recorded, StringComparison.OrdinalIgnoreCase))
            return Refuse(OfflineProblem.Malformed, $"The proof bundle is malformed: it gives SHA-256 {bundle.Sha256}, but its leaf records {recorded}.");

        var actual = Convert.ToHexStringLower(SHA256.HashData(file));
        if (actual != recorded)
            return Refuse(OfflineProblem.FileChanged,
                $"The file is not the document the university issued: its SHA-256 is {actual}, the ledger recorded {recorded}. The file was changed, or the proof is for another document.");

        var service = entry.Field("service") is { Kind: LedgerFieldKind.Text } serviceField ? serviceField.AsText() : null;
        return new OfflineVerdict(OfflineProblem.None, "", new VerifiedDocument(
            bundle.DocumentNumber, entry.Timestamp, bundle.Tenant, bundle.LogId, service, recorded, bundle.LeafIndex, head.TreeSize,
            head.Timestamp, head.KeyId, trustedKeys is null, bundle.VerifyUrl));
    }

    private static OfflineVerdict Refuse(OfflineProblem problem, string reason) => new(problem, reason, null);
}
