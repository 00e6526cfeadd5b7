namespace Adal.Ledger;

/// <summary>
/// An RFC 9162 §2.1.3 audit path: the hashes that, combined with a leaf hash, rebuild the root of
/// the tree of <see cref="TreeSize"/> leaves. Served as base64 strings (<see cref="AuditPathBase64"/>).
/// </summary>
public sealed record InclusionProof(long LeafIndex, long TreeSize, IReadOnlyList<byte[]> AuditPath)
{
    public IReadOnlyList<string> AuditPathBase64() => HashBase64.Encode(AuditPath);
}
