namespace Adal.Ledger.Tests;

public sealed class NodeTilesTests
{
    /// <summary>A store that keeps nothing but tiles, written only as a database store does: edge tiles in place, new tiles fresh.</summary>
    private sealed class TileStore : IMerkleNodeStore
    {
        public readonly Dictionary<TileAddress, byte[]> Tiles = [];
        public int TilesWrittenLastBatch;

        public long LeafCount { get; private set; }

        public bool TryReadNodes(ReadOnlySpan<NodeAddress> addresses, Span<byte> hashes)
        {
            for (int i = 0; i < addresses.Length; i++)
            {
                if (!addresses[i].IsCompleteIn(LeafCount)) return false;
                var (tile, offset) = NodeTiles.Locate(addresses[i]);
                Tiles[tile].AsSpan(offset, 32).CopyTo(hashes.Slice(i * 32, 32));
            }
            return true;
        }

        public void Append(CompletedNodes nodes)
        {
            var edges = NodeTiles.EdgeTiles(LeafCount).ToHashSet();
            var touched = new HashSet<TileAddress>();
            NodeTiles.Write(nodes, address =>
            {
                if (!touched.Add(address)) return Tiles[address]; // the same tile again, for a higher level
                if (NodeTiles.IsNew(address, LeafCount))
                {
                    Assert.False(Tiles.ContainsKey(address), $"{address} is new but exists");
                    return Tiles[address] = new byte[NodeTiles.ByteCount];
                }
                Assert.Contains(address, edges); // an append rewrites edge tiles only
                return Tiles[address];
            });
            TilesWrittenLastBatch = touched.Count;
            LeafCount = nodes.LeafCount;
        }
    }

    [Fact]
    public void Every_node_has_one_place_and_a_tile_holds_exactly_510_of_them()
    {
        var seen = new HashSet<(TileAddress, int)>();
        for (int level = 0; level < 16; level++)
        {
            for (long index = 0; index < (1L << (16 - level)); index++)
            {
                var (tile, offset) = NodeTiles.Locate(new NodeAddress(level, index));
                Assert.Equal(level / 8, tile.Level);
                Assert.InRange(offset, 0, NodeTiles.ByteCount - 32);
                Assert.Equal(0, offset % 32);
                Assert.True(seen.Add((tile, offset)), $"{tile} offset {offset} taken twice");
            }
        }
        // 2^16 leaves: 256 full tiles at tile level 0, one at tile level 1 (levels 8–15, 510 nodes); the root (16, 0) starts tile level 2.
        Assert.Equal(256 * 510 + 510, seen.Count);
        Assert.Equal(16_320, NodeTiles.ByteCount);
    }

    [Theory]
    [InlineData(0, new int[0])]
    [InlineData(255, new[] { 0 })]
    [InlineData(256, new[] { 1 })]
    [InlineData(257, new[] { 0, 1 })]
    [InlineData(65_536, new[] { 2 })] // the root (16, 0) is the first base node of tile level 2
    [InlineData(65_537, new[] { 0, 2 })]
    public void Edge_tiles_are_the_incomplete_tiles_that_hold_nodes(long size, int[] tileLevels)
    {
        var edges = NodeTiles.EdgeTiles(size);
        Assert.Equal(tileLevels, edges.Select(e => e.Level));
        foreach (var edge in edges)
        {
            Assert.False(NodeTiles.IsNew(edge, size));
            Assert.Equal(size >> (8 * edge.Level) >> 8, edge.Index);
        }
    }

    [Fact]
    public void A_tiled_log_proves_and_roots_exactly_as_the_reference_for_every_size_and_batching()
    {
        var entries = Build.Entries(700);
        var leafHashes = entries.Select(ReferenceTree.LeafHash).ToArray();
        foreach (var batch in new[] { 1, 7, 256, 300 })
        {
            var store = new TileStore();
            var log = new MerkleLog(store);
            for (int at = 0; at < entries.Length; at += batch)
            {
                log.AppendBatch(entries[at..Math.Min(entries.Length, at + batch)]);
                long size = log.Size;
                Assert.Equal(ReferenceTree.Root(leafHashes[..(int)size]), log.RootHash());
                // The frontier comes from the stored tiles alone, as it does for a new unit of work in the host.
                var reloaded = new MerkleLog(store);
                Assert.Equal(log.RootHash(), reloaded.RootHash(size));
            }
            foreach (var size in new long[] { 1, 2, 255, 256, 257, 511, 512, 513, 699, 700 })
            {
                foreach (var index in new long[] { 0, size / 2, size - 1 })
                {
                    var proof = log.GetInclusionProof(index, size);
                    Assert.Equal(ReferenceTree.Path((int)index, leafHashes[..(int)size]), proof.AuditPath);
                }
                Assert.Equal(ReferenceTree.Proof((int)size, leafHashes[..700]), log.GetConsistencyProof(size, 700).Path);
            }
        }
    }

    [Fact]
    public void A_batch_of_a_thousand_leaves_rewrites_a_handful_of_tiles()
    {
        var store = new TileStore();
        var log = new MerkleLog(store);
        var entries = Build.Entries(5_000);
        foreach (var chunk in entries.Chunk(1_000))
        {
            log.AppendBatch(chunk);
            Assert.InRange(store.TilesWrittenLastBatch, 1, 7);
        }
    }
}
