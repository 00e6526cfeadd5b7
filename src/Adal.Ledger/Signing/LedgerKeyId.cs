using System.Buffers.Text;
using System.Security.Cryptography;

namespace Adal.Ledger;

/// <summary>
/// A key id names a public key by its content: base64url (RFC 4648 §5, no padding) of SHA-256 over
/// the DER SubjectPublicKeyInfo — the same construction RFC 9162 §4.4 uses for log ids. Anyone
/// holding the public key can recompute it; no registry of names is needed.
/// </summary>
public static class LedgerKeyId
{
    public static string FromSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        Base64Url.EncodeToString(SHA256.HashData(subjectPublicKeyInfo));
}
