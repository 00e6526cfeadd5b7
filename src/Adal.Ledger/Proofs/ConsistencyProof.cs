namespace Adal.Ledger;

/// <summary>
/// An RFC 9162 §2.1.4 consistency proof: the hashes showing the tree of <see cref="FirstSize"/>
/// leaves is a prefix of the tree of <see cref="SecondSize"/> leaves — nothing was rewritten.
/// </summary>
public sealed record ConsistencyProof(long FirstSize, long SecondSize, IReadOnlyList<byte[]> Path)
{
    public IReadOnlyList<string> PathBase64() => HashBase64.Encode(Path);
}
