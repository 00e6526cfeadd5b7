using System.Security.Cryptography;

namespace Adal.Ledger;

/// <summary>
/// A 32-byte salted commitment to a personal value (a name, an IIN, a grade tied to a person). The
/// ledger shows that a value was fixed at a time without showing the value; whoever holds the
/// <see cref="CommitmentOpening"/> can later prove what it was.
/// </summary>
public sealed class Commitment : IEquatable<Commitment>
{
    private readonly byte[] _hash;

    public Commitment(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A commitment is 32 bytes.", nameof(hash));
        }
        _hash = hash.ToArray();
    }

    public ReadOnlySpan<byte> Hash => _hash;

    public string ToBase64() => Convert.ToBase64String(_hash);

    public static bool TryFromBase64(string? text, out Commitment? commitment)
    {
        commitment = HashBase64.TryDecode(text, out var hash) ? new Commitment(hash) : null;
        return commitment is not null;
    }

    // Constant time: comparing commitments must not leak how many leading bytes matched.
    public bool Equals(Commitment? other) => other is not null && CryptographicOperations.FixedTimeEquals(_hash, other._hash);

    public override bool Equals(object? obj) => Equals(obj as Commitment);

    public override int GetHashCode() => BitConverter.ToInt32(_hash, 0);

    public override string ToString() => ToBase64();
}
