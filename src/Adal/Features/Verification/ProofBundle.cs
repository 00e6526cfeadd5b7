namespace Adal.Features.Verification;

/// <summary>
/// Everything needed to check an issued PDF with no network and no trust in Adal's servers (format adal-proof-v1):
/// the exact ledger leaf that records the document, a signed tree head that covers it, the RFC 9162 audit path
/// from the leaf to that head's root, and the university's public keys. The checks, in order, are in
/// <see cref="OfflineVerifier"/>; `adal verify FILE.pdf --proof PROOF.json` runs them.
/// Hashes and bytes are standard base64 (RFC 4648 §4), the PDF's SHA-256 lowercase hex, times milliseconds since 1970.
/// </summary>
public sealed record ProofBundle(
    string Format,
    string DocumentNumber,
    string Tenant,
    string LogId,
    string Sha256,
    long LeafIndex,
    string Leaf,
    ProofBundleTreeHead TreeHead,
    IReadOnlyList<string> AuditPath,
    IReadOnlyDictionary<string, string> PublicKeys,
    string VerifyUrl)
{
    public const string CurrentFormat = "adal-proof-v1";
}

/// <summary>A signed tree head as in /api/ledger/{tenant}/sth: the signature covers TreeHeadSigningInput v1 for the log id.</summary>
public sealed record ProofBundleTreeHead(long TreeSize, string RootHash, long Timestamp, string KeyId, string Signature);
