namespace Adal.Ledger;

/// <summary>
/// Hashes as they travel in JSON: standard base64 (RFC 4648 §4) of exactly 32 bytes, as Certificate
/// Transparency serves them. Decoding never throws: text from a client is checked, not trusted.
/// </summary>
public static class HashBase64
{
    /// <summary>More elements than any proof of a log below 2^63 leaves can hold; refused before decoding.</summary>
    public const int MaxPathLength = 128;

    public static string Encode(ReadOnlySpan<byte> hash) => Convert.ToBase64String(hash);

    public static IReadOnlyList<string> Encode(IReadOnlyList<byte[]> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var encoded = new string[hashes.Count];
        for (int i = 0; i < encoded.Length; i++)
        {
            encoded[i] = Convert.ToBase64String(hashes[i]);
        }
        return encoded;
    }

    /// <summary>Decodes one 32-byte hash; false for null, bad base64 or any other length.</summary>
    public static bool TryDecode(string? text, out byte[] hash)
    {
        hash = [];
        // 32 bytes encode to 44 characters; longer text cannot be a hash, so skip decoding it.
        if (text is null || text.Length != 44)
        {
            return false;
        }
        Span<byte> buffer = stackalloc byte[33];
        if (!Convert.TryFromBase64String(text, buffer, out int written) || written != MerkleHash.Size)
        {
            return false;
        }
        hash = buffer[..MerkleHash.Size].ToArray();
        return true;
    }

    /// <summary>Decodes a proof path; false if it is null, too long, or any element is not a hash.</summary>
    public static bool TryDecodePath(IReadOnlyList<string?>? texts, out byte[][] hashes)
    {
        hashes = [];
        if (texts is null || texts.Count > MaxPathLength)
        {
            return false;
        }
        var decoded = new byte[texts.Count][];
        for (int i = 0; i < decoded.Length; i++)
        {
            if (!TryDecode(texts[i], out decoded[i]))
            {
                return false;
            }
        }
        hashes = decoded;
        return true;
    }
}
