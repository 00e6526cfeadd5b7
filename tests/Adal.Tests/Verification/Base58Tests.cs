using System.Text;
using Adal.Features.Credentials;

namespace Adal.Tests.Verification;

/// <summary>Base58btc against the vectors of draft-msporny-base58 (the Multibase base58btc encoding).</summary>
public sealed class Base58Tests
{
    [Theory]
    [InlineData("48656c6c6f20576f726c6421", "2NEpo7TZRRrLZSi2U")] // "Hello World!"
    [InlineData("54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f672e",
        "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z")] // "The quick brown fox jumps over the lazy dog."
    [InlineData("000000287fb4cd", "111233QC4")] // leading zero bytes become leading '1's
    [InlineData("", "")]
    [InlineData("00", "1")]
    [InlineData("61", "2g")]
    [InlineData("626262", "a3gV")]
    public void Encodes_and_decodes_the_published_vectors(string hex, string encoded)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(encoded, Base58Btc.Encode(bytes));
        Assert.True(Base58Btc.TryDecode(encoded, out var decoded));
        Assert.Equal(bytes, decoded);
        Assert.Equal("z" + encoded, Base58Btc.EncodeMultibase(bytes));
    }

    [Fact]
    public void Round_trips_random_bytes_of_every_length()
    {
        var random = new Random(58);
        for (var length = 0; length < 80; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            if (length > 3) bytes[0] = bytes[1] = 0;
            Assert.True(Base58Btc.TryDecode(Base58Btc.Encode(bytes), out var back));
            Assert.Equal(bytes, back);
        }
    }

    [Theory]
    [InlineData("0OIl")] // not in the alphabet: the letters a reader confuses
    [InlineData("2NEpo7TZRRrLZSi2U!")]
    [InlineData("Жүз")]
    public void Refuses_characters_outside_the_alphabet(string text)
    {
        Assert.False(Base58Btc.TryDecode(text, out _));
    }

    [Fact]
    public void Multibase_needs_the_z_prefix_and_refuses_absurd_lengths()
    {
        Assert.False(Base58Btc.TryDecodeMultibase("2NEpo7TZRRrLZSi2U", out _));
        Assert.False(Base58Btc.TryDecodeMultibase("z", out _));
        Assert.False(Base58Btc.TryDecode(new string('2', Base58Btc.MaxEncodedLength + 1), out _));
        Assert.True(Base58Btc.TryDecodeMultibase("z2NEpo7TZRRrLZSi2U", out var hello));
        Assert.Equal("Hello World!", Encoding.ASCII.GetString(hello));
    }
}
