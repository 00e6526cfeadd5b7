using System.Security.Cryptography;

namespace Adal.Ledger;

/// <summary>
/// Why P-256: it is the curve Certificate Transparency logs sign with (RFC 6962 §2.1.4 allows
/// ECDSA NIST P-256 with SHA-256), it is built into .NET on every platform through the OS crypto
/// library, and its signatures are 64 bytes. Keys of any other curve are refused.
/// </summary>
internal static class LedgerKeys
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static bool IsP256(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        return curve.IsNamed && (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "prime256v1");
    }

    public const DSASignatureFormat SignatureFormat = DSASignatureFormat.IeeeP1363FixedFieldConcatenation;

    public const int SignatureLength = 64;
}
