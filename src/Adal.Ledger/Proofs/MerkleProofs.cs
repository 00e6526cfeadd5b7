using System.Security.Cryptography;

namespace Adal.Ledger;

/// <summary>
/// Verification that needs nothing but the proof, the sizes and the hashes — what a student, an
/// employer or an auditor runs without trusting Adal's servers. Every malformed input (wrong
/// lengths, index outside the tree, shrinking sizes, empty or oversized paths, bad base64) yields an
/// invalid <see cref="Verdict"/>; nothing here throws on input.
/// </summary>
public static class MerkleProofs
{
    public static bool VerifyInclusion(
        ReadOnlySpan<byte> leafHash, long leafIndex, long treeSize, IReadOnlyList<byte[]>? auditPath, ReadOnlySpan<byte> rootHash) =>
        CheckInclusion(leafHash, leafIndex, treeSize, auditPath, rootHash).IsValid;

    /// <summary>The RFC 9162 §2.1.3.2 algorithm.</summary>
    public static Verdict CheckInclusion(
        ReadOnlySpan<byte> leafHash, long leafIndex, long treeSize, IReadOnlyList<byte[]>? auditPath, ReadOnlySpan<byte> rootHash)
    {
        if (leafHash.Length != MerkleHash.Size)
        {
            return Verdict.Invalid($"The leaf hash has {leafHash.Length} bytes; a SHA-256 hash has 32.");
        }
        if (rootHash.Length != MerkleHash.Size)
        {
            return Verdict.Invalid($"The root hash has {rootHash.Length} bytes; a SHA-256 hash has 32.");
        }
        if (treeSize <= 0 || leafIndex < 0 || leafIndex >= treeSize)
        {
            return Verdict.Invalid($"Leaf {leafIndex} is not in a tree of {treeSize} leaves.");
        }
        var pathProblem = CheckPath(auditPath, "audit path");
        if (pathProblem is not null)
        {
            return Verdict.Invalid(pathProblem);
        }

        long fn = leafIndex, sn = treeSize - 1;
        Span<byte> r = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(r);
        foreach (var p in auditPath!)
        {
            if (sn == 0)
            {
                return Verdict.Invalid("The audit path is longer than the tree is deep.");
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(p, r, r);
                if ((fn & 1) == 0)
                {
                    // A right-edge node with no sibling at this level: climb until it has one.
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleHash.Node(r, p, r);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0)
        {
            return Verdict.Invalid("The audit path is shorter than the tree is deep.");
        }
        return CryptographicOperations.FixedTimeEquals(r, rootHash)
            ? Verdict.Valid
            : Verdict.Invalid("The audit path leads to a different root: the leaf is not in this tree.");
    }

    /// <summary>Inclusion check on hashes as served over HTTP (base64, RFC 4648 §4).</summary>
    public static Verdict CheckInclusion(
        string? leafHashBase64, long leafIndex, long treeSize, IReadOnlyList<string?>? auditPathBase64, string? rootHashBase64)
    {
        if (!HashBase64.TryDecode(leafHashBase64, out var leaf))
        {
            return Verdict.Invalid("The leaf hash is not base64 of 32 bytes.");
        }
        if (!HashBase64.TryDecode(rootHashBase64, out var root))
        {
            return Verdict.Invalid("The root hash is not base64 of 32 bytes.");
        }
        if (!HashBase64.TryDecodePath(auditPathBase64, out var path))
        {
            return Verdict.Invalid($"The audit path is missing, longer than {HashBase64.MaxPathLength} hashes, or holds something other than base64 of 32 bytes.");
        }
        return CheckInclusion(leaf, leafIndex, treeSize, path, root);
    }

    public static bool VerifyConsistency(
        long firstSize, long secondSize, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]>? proof) =>
        CheckConsistency(firstSize, secondSize, firstRoot, secondRoot, proof).IsValid;

    /// <summary>The RFC 9162 §2.1.4.2 algorithm, plus the trivial cases it leaves to the caller.</summary>
    public static Verdict CheckConsistency(
        long firstSize, long secondSize, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]>? proof)
    {
        if (firstRoot.Length != MerkleHash.Size || secondRoot.Length != MerkleHash.Size)
        {
            return Verdict.Invalid("Both roots must be 32-byte SHA-256 hashes.");
        }
        if (firstSize < 0 || secondSize < 0)
        {
            return Verdict.Invalid("Tree sizes cannot be negative.");
        }
        if (firstSize > secondSize)
        {
            return Verdict.Invalid($"A tree of {firstSize} leaves cannot be a prefix of one of {secondSize}: logs only grow.");
        }
        var pathProblem = CheckPath(proof, "consistency proof");
        if (pathProblem is not null)
        {
            return Verdict.Invalid(pathProblem);
        }
        if (firstSize == secondSize || firstSize == 0)
        {
            // Equal sizes must have equal roots; the empty tree (root SHA-256 of nothing) is a prefix
            // of every tree. Neither needs proof hashes, so any given is a sign of a confused server.
            if (proof!.Count != 0)
            {
                return Verdict.Invalid("This consistency proof should be empty.");
            }
            var expected = firstSize == 0 ? MerkleHash.EmptyRoot() : secondRoot.ToArray();
            return CryptographicOperations.FixedTimeEquals(firstRoot, expected)
                ? Verdict.Valid
                : Verdict.Invalid("The roots differ for trees that must be equal.");
        }
        if (proof!.Count == 0)
        {
            return Verdict.Invalid("The consistency proof is empty.");
        }

        // Step 2: when the old tree is a complete subtree its root is the proof's implicit first node.
        int next = 0;
        ReadOnlySpan<byte> seed;
        if (TreeMath.IsPowerOfTwo(firstSize))
        {
            seed = firstRoot;
        }
        else
        {
            seed = proof[0];
            next = 1;
        }
        long fn = firstSize - 1, sn = secondSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        Span<byte> fr = stackalloc byte[MerkleHash.Size];
        Span<byte> sr = stackalloc byte[MerkleHash.Size];
        seed.CopyTo(fr);
        seed.CopyTo(sr);
        for (; next < proof.Count; next++)
        {
            var c = proof[next];
            if (sn == 0)
            {
                return Verdict.Invalid("The consistency proof is longer than the trees are deep.");
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(c, fr, fr);
                MerkleHash.Node(c, sr, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleHash.Node(sr, c, sr);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0)
        {
            return Verdict.Invalid("The consistency proof is shorter than the trees are deep.");
        }
        if (!CryptographicOperations.FixedTimeEquals(fr, firstRoot))
        {
            return Verdict.Invalid("The proof does not lead to the first root: the older tree is not a prefix.");
        }
        return CryptographicOperations.FixedTimeEquals(sr, secondRoot)
            ? Verdict.Valid
            : Verdict.Invalid("The proof does not lead to the second root: the log was rewritten.");
    }

    /// <summary>Consistency check on hashes as served over HTTP (base64, RFC 4648 §4).</summary>
    public static Verdict CheckConsistency(
        long firstSize, long secondSize, string? firstRootBase64, string? secondRootBase64, IReadOnlyList<string?>? proofBase64)
    {
        if (!HashBase64.TryDecode(firstRootBase64, out var first) || !HashBase64.TryDecode(secondRootBase64, out var second))
        {
            return Verdict.Invalid("Both roots must be base64 of 32 bytes.");
        }
        if (!HashBase64.TryDecodePath(proofBase64, out var proof))
        {
            return Verdict.Invalid($"The consistency proof is missing, longer than {HashBase64.MaxPathLength} hashes, or holds something other than base64 of 32 bytes.");
        }
        return CheckConsistency(firstSize, secondSize, first, second, proof);
    }

    private static string? CheckPath(IReadOnlyList<byte[]>? path, string name)
    {
        if (path is null)
        {
            return $"The {name} is missing.";
        }
        if (path.Count > HashBase64.MaxPathLength)
        {
            return $"The {name} has {path.Count} hashes; no tree below 2^63 leaves needs more than {HashBase64.MaxPathLength}.";
        }
        for (int i = 0; i < path.Count; i++)
        {
            if (path[i] is null || path[i].Length != MerkleHash.Size)
            {
                return $"Element {i} of the {name} is not a 32-byte hash.";
            }
        }
        return null;
    }
}
