using System.Security.Cryptography;

namespace Adal.Ledger.Tests;

/// <summary>
/// The RFC 9162 §2.1 definitions written as literally as possible — recursive, slow, obviously
/// right — and sharing no code with the library, so the fast log can be checked against it.
/// </summary>
internal static class ReferenceTree
{
    public static byte[] LeafHash(byte[] entry) => SHA256.HashData([0x00, .. entry]);

    public static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    /// <summary>MTH(D[n]) over leaf hashes.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes) => leafHashes.Count switch
    {
        0 => SHA256.HashData([]),
        1 => leafHashes[0],
        _ => NodeHash(
            Root(Slice(leafHashes, 0, K(leafHashes.Count))),
            Root(Slice(leafHashes, K(leafHashes.Count), leafHashes.Count))),
    };

    /// <summary>PATH(m, D[n]), RFC 9162 §2.1.3.1.</summary>
    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> leafHashes)
    {
        int n = leafHashes.Count;
        if (n == 1)
        {
            return [];
        }
        int k = K(n);
        if (m < k)
        {
            var path = Path(m, Slice(leafHashes, 0, k));
            path.Add(Root(Slice(leafHashes, k, n)));
            return path;
        }
        var right = Path(m - k, Slice(leafHashes, k, n));
        right.Add(Root(Slice(leafHashes, 0, k)));
        return right;
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true), RFC 9162 §2.1.4.1.</summary>
    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> leafHashes) =>
        m == leafHashes.Count ? [] : SubProof(m, leafHashes, true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> d, bool b)
    {
        int n = d.Count;
        if (m == n)
        {
            return b ? [] : [Root(d)];
        }
        int k = K(n);
        if (m <= k)
        {
            var proof = SubProof(m, Slice(d, 0, k), b);
            proof.Add(Root(Slice(d, k, n)));
            return proof;
        }
        var right = SubProof(m - k, Slice(d, k, n), false);
        right.Add(Root(Slice(d, 0, k)));
        return right;
    }

    private static int K(int n)
    {
        int k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }
        return k;
    }

    private static byte[][] Slice(IReadOnlyList<byte[]> list, int from, int to) => list.Skip(from).Take(to - from).ToArray();
}
