namespace Adal.Features.Credentials;

/// <summary>
/// Base58 with the Bitcoin alphabet, and its Multibase form ('z' prefix), as Data Integrity proofs and Multikeys
/// carry them (W3C Controlled Identifiers §2.4 Multibase; draft-msporny-base58). Leading zero bytes become
/// leading '1's, so the encoding keeps every byte. Decoding never throws: the text comes from outside.
/// </summary>
public static class Base58Btc
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    public const char MultibasePrefix = 'z';

    /// <summary>Longer text is refused before decoding (the conversion is quadratic); no key or signature comes close.</summary>
    public const int MaxEncodedLength = 512;

    private static readonly sbyte[] Digits = BuildDigits();

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0) zeros++;
        // log(256)/log(58) ≈ 1.37 digits a byte.
        var digits = new byte[(data.Length - zeros) * 138 / 100 + 1];
        var length = 0;
        for (var i = zeros; i < data.Length; i++)
        {
            int carry = data[i];
            for (var j = 0; j < length; j++)
            {
                carry += digits[j] << 8;
                digits[j] = (byte)(carry % 58);
                carry /= 58;
            }
            while (carry > 0)
            {
                digits[length++] = (byte)(carry % 58);
                carry /= 58;
            }
        }
        var text = new char[zeros + length];
        text.AsSpan(0, zeros).Fill('1');
        for (var i = 0; i < length; i++) text[zeros + i] = Alphabet[digits[length - 1 - i]];
        return new string(text);
    }

    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Length > MaxEncodedLength) return false;
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1') zeros++;
        // log(58)/log(256) ≈ 0.733 bytes a digit.
        var value = new byte[(text.Length - zeros) * 733 / 1000 + 1];
        var length = 0;
        for (var i = zeros; i < text.Length; i++)
        {
            var c = text[i];
            int carry = c < 128 ? Digits[c] : -1;
            if (carry < 0) return false;
            for (var j = 0; j < length; j++)
            {
                carry += value[j] * 58;
                value[j] = (byte)carry;
                carry >>= 8;
            }
            while (carry > 0)
            {
                value[length++] = (byte)carry;
                carry >>= 8;
            }
        }
        bytes = new byte[zeros + length];
        for (var i = 0; i < length; i++) bytes[zeros + i] = value[length - 1 - i];
        return true;
    }

    /// <summary>Multibase base58btc: 'z' then the Base58 text.</summary>
    public static string EncodeMultibase(ReadOnlySpan<byte> data) => MultibasePrefix + Encode(data);

    public static bool TryDecodeMultibase(string? text, out byte[] bytes)
    {
        bytes = [];
        return text is { Length: > 1 } && text[0] == MultibasePrefix && TryDecode(text[1..], out bytes);
    }

    private static sbyte[] BuildDigits()
    {
        var digits = new sbyte[128];
        Array.Fill(digits, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++) digits[Alphabet[i]] = (sbyte)i;
        return digits;
    }
}
