using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Security.Cryptography;

namespace Adal.Features.Credentials;

/// <summary>
/// A P-256 public key as a Multikey (W3C Controlled Identifiers §2.2.2; Data Integrity ECDSA §2.1.1):
/// publicKeyMultibase = 'z' + base58btc(0x80 0x24 ‖ compressed point), where 0x80 0x24 is the varint of the
/// multicodec p256-pub (0x1200) and the compressed point is 0x02/0x03 (the parity of y) then x, 32 bytes.
/// </summary>
public static class Multikey
{
    public const string Type = "Multikey";
    private static readonly byte[] P256Header = [0x80, 0x24];

    // The curve y² = x³ − 3x + b over the prime field of p (FIPS 186-5 / SP 800-186, P-256).
    private static readonly BigInteger P = BigInteger.Parse("0ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", System.Globalization.NumberStyles.HexNumber);
    private static readonly BigInteger B = BigInteger.Parse("05ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", System.Globalization.NumberStyles.HexNumber);

    public static string EncodeP256(ECDsa key)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        var bytes = new byte[2 + 33];
        P256Header.CopyTo(bytes, 0);
        bytes[2] = (byte)(0x02 | (q.Y![^1] & 1));
        q.X!.CopyTo(bytes, 3);
        return Base58Btc.EncodeMultibase(bytes);
    }

    /// <summary>The Multikey of a P-256 SubjectPublicKeyInfo, as the ledger stores public keys.</summary>
    public static string EncodeP256(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return EncodeP256(key);
    }

    /// <summary>The public key a publicKeyMultibase names; false with a reason for anything but a valid P-256 point.</summary>
    public static bool TryDecodeP256(string? publicKeyMultibase, [NotNullWhen(true)] out ECDsa? key, [NotNullWhen(false)] out string? problem)
    {
        key = null;
        if (!Base58Btc.TryDecodeMultibase(publicKeyMultibase, out var bytes))
        {
            problem = "The public key is not multibase base58btc ('z…').";
            return false;
        }
        if (bytes.Length != 35 || bytes[0] != P256Header[0] || bytes[1] != P256Header[1] || bytes[2] is not (0x02 or 0x03))
        {
            problem = "The public key is not a compressed P-256 Multikey (multicodec 0x1200).";
            return false;
        }
        var x = new BigInteger(bytes.AsSpan(3), isUnsigned: true, isBigEndian: true);
        if (x >= P)
        {
            problem = "The public key's x coordinate is outside the field.";
            return false;
        }
        // p ≡ 3 (mod 4), so a square root of a is a^((p+1)/4) when one exists.
        var rhs = BigInteger.ModPow(x, 3, P) - 3 * x + B;
        rhs = ((rhs % P) + P) % P;
        var y = BigInteger.ModPow(rhs, (P + 1) / 4, P);
        if (BigInteger.ModPow(y, 2, P) != rhs)
        {
            problem = "The public key is not a point on P-256.";
            return false;
        }
        if ((int)(y & 1) != (bytes[2] & 1)) y = P - y;
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = bytes[3..], Y = Fixed32(y) },
        };
        var candidate = ECDsa.Create();
        try
        {
            candidate.ImportParameters(parameters);
        }
        catch (CryptographicException)
        {
            candidate.Dispose();
            problem = "The public key is not a valid P-256 point.";
            return false;
        }
        key = candidate;
        problem = null;
        return true;
    }

    private static byte[] Fixed32(BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length == 32) return bytes;
        var padded = new byte[32];
        bytes.CopyTo(padded, 32 - bytes.Length);
        return padded;
    }
}
