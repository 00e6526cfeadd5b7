using static Adal.Ledger.Tests.PublishedVectors;

namespace Adal.Ledger.Tests;

public sealed class PublishedVectorTests
{
    [Fact]
    public void Leaf_hashes_match_the_published_RFC_6962_vectors()
    {
        for (int i = 0; i < Leaves.Length; i++)
        {
            Assert.Equal(NodeHashes[0][i], MerkleHash.Leaf(Leaves[i]));
        }
    }

    [Fact]
    public void Roots_of_every_prefix_match_the_published_roots()
    {
        for (int size = 0; size <= Leaves.Length; size++)
        {
            Assert.Equal(Roots[size], MerkleHash.RootOf(Leaves[..size]));
        }
    }

    [Fact]
    public void A_log_fed_one_leaf_at_a_time_stores_exactly_the_published_nodes_and_roots()
    {
        var store = new InMemoryNodeStore();
        var log = new MerkleLog(store);
        Assert.Equal(Roots[0], log.RootHash());
        foreach (var leaf in Leaves)
        {
            log.AppendBatch([leaf]);
            Assert.Equal(Roots[log.Size], log.RootHash());
        }
        for (int level = 0; level < NodeHashes.Length; level++)
        {
            for (int index = 0; index < NodeHashes[level].Length; index++)
            {
                var hash = new byte[32];
                Assert.True(store.TryReadNodes([new NodeAddress(level, index)], hash));
                Assert.Equal(NodeHashes[level][index], hash);
            }
        }
        for (int size = 0; size <= Leaves.Length; size++)
        {
            Assert.Equal(Roots[size], log.RootHash(size));
        }
    }

    [Fact]
    public void The_log_produces_the_published_inclusion_proofs_and_they_verify()
    {
        var (log, _) = Build.Log(Leaves, batch: 3);
        foreach (var (index, size, path) in InclusionProofs)
        {
            var proof = log.GetInclusionProof(index, size);
            Assert.Equal(path, proof.AuditPath);
            Assert.True(MerkleProofs.VerifyInclusion(NodeHashes[0][index], index, size, path, Roots[size]));
        }
    }

    [Fact]
    public void The_log_produces_the_published_consistency_proofs_and_they_verify()
    {
        var (log, _) = Build.Log(Leaves, batch: 5);
        foreach (var (first, second, path) in ConsistencyProofs)
        {
            var proof = log.GetConsistencyProof(first, second);
            Assert.Equal(path, proof.Path);
            Assert.True(MerkleProofs.VerifyConsistency(first, second, Roots[first], Roots[second], path));
        }
    }

    [Fact]
    public void Every_corruption_of_a_published_inclusion_proof_is_rejected()
    {
        byte[] someHash = H("abacaba000000000000000000000000000000000000000000060061e00123456");
        foreach (var (index, size, path) in InclusionProofs)
        {
            var leaf = NodeHashes[0][index];
            var root = Roots[size];
            var probes = new List<(long Index, long Size, byte[] Leaf, byte[] Root, byte[][] Path)>
            {
                (index - 1, size, leaf, root, path),
                (index + 1, size, leaf, root, path),
                (index ^ 2, size, leaf, root, path),
                (index, size * 2, leaf, root, path),
                (index, size / 2, leaf, root, path),
                (index, size, "WrongLeaf"u8.ToArray(), root, path),
                (index, size, leaf, Roots[0], path),
                (index, size, leaf, someHash, path),
                (index, size, leaf, root, [.. path, []]),
                (index, size, leaf, root, [.. path, root]),
                (index, size, leaf, root, [[], .. path]),
                (index, size, leaf, root, [root, .. path]),
            };
            for (int i = 0; i < path.Length; i++)
            {
                var flipped = (byte[][])path.Clone();
                flipped[i] = Build.Flip(path[i], 0, 8);
                probes.Add((index, size, leaf, root, flipped));
            }
            if (path.Length > 0)
            {
                probes.Add((index, size, leaf, root, path[..^1]));
            }
            if (path.Length > 1)
            {
                probes.Add((index, size, leaf, root, [path[0], someHash, .. path[1..]]));
            }
            foreach (var p in probes)
            {
                Assert.False(MerkleProofs.VerifyInclusion(p.Leaf, p.Index, p.Size, p.Path, p.Root), $"{index}/{size}: a corrupted probe verified");
            }
        }
    }

    [Fact]
    public void Every_corruption_of_a_published_consistency_proof_is_rejected()
    {
        foreach (var (first, second, path) in ConsistencyProofs.Where(p => p.Proof.Length > 0))
        {
            var r1 = Roots[first];
            var r2 = Roots[second];
            var wrong = "WrongRoot"u8.ToArray();
            var probes = new List<(long First, long Second, byte[] R1, byte[] R2, byte[][] Path)>
            {
                (first - 1, second, r1, r2, path),
                (first + 1, second, r1, r2, path),
                (first ^ 2, second, r1, r2, path),
                (first, second * 2, r1, r2, path),
                (first, second / 2, r1, r2, path),
                (first, second, wrong, r2, path),
                (first, second, r1, wrong, path),
                (first, second, r2, r1, path),
                (first, second, r1, r2, []),
                (first, second, r1, r2, [.. path, []]),
                (first, second, r1, r2, [.. path, r1]),
                (first, second, r1, r2, [.. path, r2]),
                (first, second, r1, r2, [[], .. path]),
                (first, second, r1, r2, [r1, .. path]),
                (first, second, r1, r2, [r2, .. path]),
                (first, second, r1, r2, [path[0], .. path]),
                (first, second, r1, r2, path[..^1]),
            };
            for (int i = 0; i < path.Length; i++)
            {
                var flipped = (byte[][])path.Clone();
                flipped[i] = Build.Flip(path[i], 0, 16);
                probes.Add((first, second, r1, r2, flipped));
            }
            foreach (var p in probes)
            {
                Assert.False(MerkleProofs.VerifyConsistency(p.First, p.Second, p.R1, p.R2, p.Path), $"{first}→{second}: a corrupted probe verified");
            }
        }
    }
}
