namespace Adal.Ledger.Tests;

/// <summary>
/// The fast log against the literal RFC definitions for every tree size 1..130, every leaf and every
/// earlier size: same roots, same proofs, proofs verify, and a flipped bit anywhere breaks them.
/// </summary>
public sealed class ProofPropertyTests
{
    private const int MaxSize = 130;

    private static readonly byte[][] Entries = Build.Entries(MaxSize);
    private static readonly byte[][] LeafHashes = Entries.Select(ReferenceTree.LeafHash).ToArray();

    // Irregular batches, so nodes complete across batch boundaries at every level.
    private static readonly MerkleLog Log = BuildIrregularLog();

    private static MerkleLog BuildIrregularLog()
    {
        var log = new MerkleLog(new InMemoryNodeStore(chunkShift: 2));
        int at = 0, batch = 1;
        while (at < MaxSize)
        {
            int take = Math.Min(batch, MaxSize - at);
            log.AppendBatch(Entries[at..(at + take)]);
            at += take;
            batch = batch % 7 + 1;
        }
        return log;
    }

    [Fact]
    public void Every_past_root_equals_the_reference_root()
    {
        for (int n = 0; n <= MaxSize; n++)
        {
            Assert.Equal(ReferenceTree.Root(LeafHashes[..n]), Log.RootHash(n));
        }
    }

    [Fact]
    public void A_log_grown_to_each_size_reports_the_reference_root_for_it()
    {
        var log = new MerkleLog(new InMemoryNodeStore());
        for (int n = 1; n <= MaxSize; n++)
        {
            var appended = log.AppendBatch([Entries[n - 1]]);
            var expected = ReferenceTree.Root(LeafHashes[..n]);
            Assert.Equal(expected, appended.RootHash);
            Assert.Equal(expected, log.RootHash());
        }
    }

    [Fact]
    public void Every_inclusion_proof_equals_the_reference_path_and_verifies()
    {
        for (int n = 1; n <= MaxSize; n++)
        {
            var leaves = LeafHashes[..n];
            var root = ReferenceTree.Root(leaves);
            for (int m = 0; m < n; m++)
            {
                var proof = Log.GetInclusionProof(m, n);
                Assert.Equal(ReferenceTree.Path(m, leaves), proof.AuditPath);
                Assert.True(MerkleProofs.VerifyInclusion(LeafHashes[m], m, n, proof.AuditPath, root), $"leaf {m} of {n}");
            }
        }
    }

    [Fact]
    public void Any_flipped_byte_in_an_inclusion_proof_leaf_or_root_fails_verification()
    {
        for (int n = 1; n <= MaxSize; n++)
        {
            var root = Log.RootHash(n);
            for (int m = 0; m < n; m++)
            {
                var path = Log.GetInclusionProof(m, n).AuditPath.ToArray();
                // Small trees: every byte of every element; larger ones: a different byte per case.
                var positions = n <= 16 ? Enumerable.Range(0, 32) : [(m * 7 + n) % 32];
                foreach (int position in positions)
                {
                    byte mask = (byte)(1 << (position % 8));
                    Assert.False(MerkleProofs.VerifyInclusion(Build.Flip(LeafHashes[m], position, mask), m, n, path, root));
                    Assert.False(MerkleProofs.VerifyInclusion(LeafHashes[m], m, n, path, Build.Flip(root, position, mask)));
                    for (int i = 0; i < path.Length; i++)
                    {
                        var tampered = (byte[][])path.Clone();
                        tampered[i] = Build.Flip(path[i], position, mask);
                        Assert.False(MerkleProofs.VerifyInclusion(LeafHashes[m], m, n, tampered, root), $"leaf {m} of {n}, element {i}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_equals_the_reference_proof_and_verifies()
    {
        for (int n = 1; n <= MaxSize; n++)
        {
            var leaves = LeafHashes[..n];
            var secondRoot = ReferenceTree.Root(leaves);
            for (int m = 1; m <= n; m++)
            {
                var proof = Log.GetConsistencyProof(m, n);
                Assert.Equal(ReferenceTree.Proof(m, leaves), proof.Path);
                var firstRoot = ReferenceTree.Root(LeafHashes[..m]);
                Assert.True(MerkleProofs.VerifyConsistency(m, n, firstRoot, secondRoot, proof.Path), $"{m} → {n}");
            }
        }
    }

    [Fact]
    public void Any_flipped_byte_in_a_consistency_proof_or_either_root_fails_verification()
    {
        for (int n = 2; n <= MaxSize; n++)
        {
            var secondRoot = Log.RootHash(n);
            for (int m = 1; m < n; m++)
            {
                var firstRoot = Log.RootHash(m);
                var path = Log.GetConsistencyProof(m, n).Path.ToArray();
                var positions = n <= 16 ? Enumerable.Range(0, 32) : [(m * 5 + n) % 32];
                foreach (int position in positions)
                {
                    byte mask = (byte)(0x80 >> (position % 8));
                    Assert.False(MerkleProofs.VerifyConsistency(m, n, Build.Flip(firstRoot, position, mask), secondRoot, path));
                    Assert.False(MerkleProofs.VerifyConsistency(m, n, firstRoot, Build.Flip(secondRoot, position, mask), path));
                    for (int i = 0; i < path.Length; i++)
                    {
                        var tampered = (byte[][])path.Clone();
                        tampered[i] = Build.Flip(path[i], position, mask);
                        Assert.False(MerkleProofs.VerifyConsistency(m, n, firstRoot, secondRoot, tampered), $"{m} → {n}, element {i}");
                    }
                }
            }
        }
    }

    [Fact]
    public void A_proof_never_verifies_for_a_neighbouring_leaf_index()
    {
        for (int n = 2; n <= MaxSize; n++)
        {
            var root = Log.RootHash(n);
            for (int m = 0; m < n; m++)
            {
                var path = Log.GetInclusionProof(m, n).AuditPath;
                Assert.False(MerkleProofs.VerifyInclusion(LeafHashes[m], m + 1, n, path, root));
                Assert.False(MerkleProofs.VerifyInclusion(LeafHashes[m], m - 1, n, path, root));
            }
        }
    }
}
