namespace Adal.Ledger.Tests;

public sealed class NodeStoreTests
{
    [Fact]
    public void How_entries_are_batched_never_changes_a_single_stored_node()
    {
        var entries = Build.Entries(300);
        var stores = new[] { 1, 3, 64, 300 }.Select(batch => Build.Log(entries, batch).Store).ToArray();
        for (int level = 0; level <= 8; level++)
        {
            long count = 300 >> level;
            var addresses = Enumerable.Range(0, (int)count).Select(i => new NodeAddress(level, i)).ToArray();
            var expected = new byte[count * 32];
            Assert.True(stores[0].TryReadNodes(addresses, expected));
            foreach (var store in stores[1..])
            {
                var actual = new byte[count * 32];
                Assert.True(store.TryReadNodes(addresses, actual));
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void A_batch_completes_exactly_the_nodes_whose_last_leaf_it_appends()
    {
        var entries = Build.Entries(45);
        var log = new MerkleLog(new InMemoryNodeStore());
        log.AppendBatch(entries[..13]);
        var appended = log.AppendBatch(entries[13..45]);
        var nodes = appended.Nodes;
        Assert.Equal(13, appended.FirstIndex);
        Assert.Equal(45, appended.TreeSize);
        var leafHashes = entries.Select(ReferenceTree.LeafHash).ToArray();
        var seen = new List<NodeAddress>();
        foreach (var (address, hash) in nodes.Enumerate())
        {
            seen.Add(address);
            var leaves = leafHashes.Skip((int)address.FirstLeaf).Take((int)address.LeafSpan).ToArray();
            Assert.Equal(ReferenceTree.Root(leaves), hash);
        }
        // Level l gains indices [13 >> l, 45 >> l): 32 + 16 + 8 + 4 + 2 + 1 nodes.
        var expected = Enumerable.Range(0, 6)
            .SelectMany(l => Enumerable.Range(13 >> l, (45 >> l) - (13 >> l)).Select(i => new NodeAddress(l, i)));
        Assert.Equal(expected, seen);
        Assert.Equal(seen.Count, nodes.TotalCount);
    }

    [Fact]
    public void Small_chunks_and_large_chunks_hold_the_same_tree()
    {
        var entries = Build.Entries(200);
        var small = new MerkleLog(new InMemoryNodeStore(chunkShift: 1));
        var large = new MerkleLog(new InMemoryNodeStore());
        foreach (var chunk in entries.Chunk(17))
        {
            small.AppendBatch(chunk);
            large.AppendBatch(chunk);
        }
        for (int n = 0; n <= 200; n += 7)
        {
            Assert.Equal(large.RootHash(n), small.RootHash(n));
        }
        Assert.Equal(large.GetInclusionProof(150, 199).AuditPath, small.GetInclusionProof(150, 199).AuditPath);
    }

    [Fact]
    public void A_log_reopened_over_its_store_continues_where_it_stopped()
    {
        var entries = Build.Entries(77);
        var store = new InMemoryNodeStore();
        new MerkleLog(store).AppendBatch(entries[..50]);
        var reopened = new MerkleLog(store);
        Assert.Equal(50, reopened.Size);
        reopened.AppendBatch(entries[50..]);
        Assert.Equal(MerkleHash.RootOf(entries), reopened.RootHash());
    }

    [Fact]
    public void Two_logs_sharing_a_store_stay_consistent()
    {
        var entries = Build.Entries(40);
        var store = new InMemoryNodeStore();
        var first = new MerkleLog(store);
        var second = new MerkleLog(store);
        first.AppendBatch(entries[..10]);
        second.AppendBatch(entries[10..25]);
        first.AppendBatch(entries[25..]);
        Assert.Equal(MerkleHash.RootOf(entries), second.RootHash());
    }

    [Fact]
    public void An_empty_batch_changes_nothing()
    {
        var (log, _) = Build.Log(Build.Entries(5));
        var before = log.RootHash();
        var appended = log.AppendBatch([]);
        Assert.Equal(5, appended.TreeSize);
        Assert.Equal(0, appended.Nodes.TotalCount);
        Assert.Equal(before, log.RootHash());
    }

    [Fact]
    public void The_store_refuses_a_batch_that_does_not_continue_it()
    {
        var frontier = new MerkleFrontier();
        var nodes = frontier.Extend(new byte[3 * 32]);
        var store = new InMemoryNodeStore();
        store.Append(nodes);
        Assert.Throws<InvalidOperationException>(() => store.Append(nodes));
    }

    [Fact]
    public void A_node_that_is_not_yet_complete_cannot_be_read()
    {
        var (_, store) = Build.Log(Build.Entries(6));
        var hash = new byte[32];
        Assert.True(store.TryReadNodes([new NodeAddress(1, 2)], hash));
        Assert.False(store.TryReadNodes([new NodeAddress(1, 3)], hash));
        Assert.False(store.TryReadNodes([new NodeAddress(3, 0)], hash));
        Assert.False(store.TryReadNodes([new NodeAddress(-1, 0)], hash));
        Assert.False(store.TryReadNodes([new NodeAddress(0, -1)], hash));
    }

    [Fact]
    public void Proofs_outside_the_log_are_refused_without_an_exception()
    {
        var (log, _) = Build.Log(Build.Entries(10));
        Assert.False(log.TryGetInclusionProof(10, 10, out _));
        Assert.False(log.TryGetInclusionProof(-1, 10, out _));
        Assert.False(log.TryGetInclusionProof(0, 11, out _));
        Assert.False(log.TryGetConsistencyProof(5, 4, out _));
        Assert.False(log.TryGetConsistencyProof(3, 11, out _));
        Assert.False(log.TryGetConsistencyProof(-1, 4, out _));
        Assert.True(log.TryGetConsistencyProof(0, 4, out var fromEmpty));
        Assert.Empty(fromEmpty.Path);
        Assert.Throws<ArgumentOutOfRangeException>(() => log.GetInclusionProof(10, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.RootHash(11));
    }

    [Fact]
    public void A_proof_plan_names_only_complete_nodes_and_few_of_them()
    {
        const long size = 10_000_001;
        for (long index = 0; index < size; index += 999_983)
        {
            var plan = ProofPlan.ForInclusion(index, size);
            foreach (var node in plan.Nodes)
            {
                Assert.True(node.IsCompleteIn(size));
            }
            Assert.True(plan.Nodes.Length <= 2 * 24, $"{plan.Nodes.Length} nodes for leaf {index}");
        }
        var consistency = ProofPlan.ForConsistency(3_333_333, size);
        foreach (var node in consistency.Nodes)
        {
            Assert.True(node.IsCompleteIn(size));
        }
    }

    [Fact]
    public void A_host_that_fetches_the_planned_nodes_itself_assembles_the_same_proofs()
    {
        var (log, store) = Build.Log(Build.Entries(1_000), batch: 333);
        var plan = ProofPlan.ForInclusion(777, 999);
        var hashes = new byte[plan.Nodes.Length * 32];
        for (int i = 0; i < plan.Nodes.Length; i++)
        {
            // One node at a time, as rows would come back from a query.
            Assert.True(store.TryReadNodes([plan.Nodes[i]], hashes.AsSpan(i * 32, 32)));
        }
        Assert.Equal(log.GetInclusionProof(777, 999).AuditPath, plan.Assemble(hashes));
        Assert.Equal(log.GetConsistencyProof(500, 999).Path, ProofPlan.ForConsistency(500, 999).ReadFrom(store));
        Assert.Equal(log.RootHash(640), ProofPlan.ForRoot(640).ReadFrom(store)![0]);
    }

    [Fact]
    public async Task Proofs_served_while_entries_are_appended_always_verify()
    {
        var entries = Build.Entries(6_000);
        var leafHashes = entries.Select(e => MerkleHash.Leaf(e)).ToArray();
        var log = new MerkleLog(new InMemoryNodeStore(chunkShift: 6));
        log.AppendBatch(entries[..10]);
        var writer = Task.Run(() =>
        {
            foreach (var batch in entries[10..].Chunk(50))
            {
                log.AppendBatch(batch);
            }
        });
        var random = new Random(3);
        int checkedProofs = 0;
        while (!writer.IsCompleted || checkedProofs < 200)
        {
            long size = log.Size;
            long leaf = random.NextInt64(size);
            var proof = log.GetInclusionProof(leaf, size);
            Assert.True(MerkleProofs.VerifyInclusion(leafHashes[leaf], leaf, size, proof.AuditPath, log.RootHash(size)));
            checkedProofs++;
        }
        await writer;
        Assert.Equal(MerkleHash.RootOf(entries), log.RootHash());
    }
}
