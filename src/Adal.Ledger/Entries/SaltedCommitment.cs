using System.Security.Cryptography;
using System.Text;

namespace Adal.Ledger;

/// <summary>
/// Commitment = SHA-256("adal-commit-v1" ‖ salt ‖ UTF-8(value)), salt 32 random bytes. The label
/// keeps these hashes apart from leaf, node and signing hashes; the salt has a fixed length, so the
/// concatenation is unambiguous, and its 256 bits of randomness stop anyone from confirming a guess
/// (an IIN has only about 10^11 possible values — an unsalted hash would fall to a dictionary).
/// </summary>
public static class SaltedCommitment
{
    public const string DomainLabel = "adal-commit-v1";
    public const int SaltLength = 32;

    /// <summary>Commits to <paramref name="value"/> with a fresh salt drawn from <paramref name="random"/>.</summary>
    public static (Commitment Commitment, CommitmentOpening Opening) Commit(string value, RandomNumberGenerator random)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(random);
        var salt = new byte[SaltLength];
        random.GetBytes(salt);
        var opening = new CommitmentOpening(salt, value);
        return (Compute(opening) ?? throw new ArgumentException("The value is not valid Unicode text.", nameof(value)), opening);
    }

    /// <summary>The commitment an opening produces; null if the opening is malformed.</summary>
    public static Commitment? Compute(CommitmentOpening? opening)
    {
        if (opening?.Salt is not { Length: SaltLength } || opening.Value is null)
        {
            return null;
        }
        byte[] value;
        try
        {
            value = LedgerField.StrictUtf8.GetBytes(opening.Value);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
        var input = new byte[DomainLabel.Length + SaltLength + value.Length];
        int at = Encoding.ASCII.GetBytes(DomainLabel, input);
        opening.Salt.CopyTo(input, at);
        value.CopyTo(input, at + SaltLength);
        return new Commitment(SHA256.HashData(input));
    }

    /// <summary>True when <paramref name="opening"/> opens <paramref name="commitment"/>; false for anything malformed.</summary>
    public static bool Verify(Commitment? commitment, CommitmentOpening? opening) =>
        commitment is not null && Compute(opening) is { } computed && computed.Equals(commitment);
}
