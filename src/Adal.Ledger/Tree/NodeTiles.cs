namespace Adal.Ledger;

/// <summary>
/// Groups a log's complete nodes into tiles, so that a database keeps a few rows per batch instead of two per
/// leaf. Tile (t, k) holds the node levels 8t … 8t+7 above base nodes [256k, 256k+256) of level 8t: 256 hashes at
/// level 8t, 128 at 8t+1, …, 2 at 8t+7 — 510 hashes, every node in exactly one tile, laid out level by level.
/// The node at level 8t+8 is the base of the tile above. Like the tiles of transparency-dev's tlog, but a tile
/// keeps all its levels, so a proof reads stored hashes and never recomputes a subtree.
/// </summary>
/// <remarks>
/// A tile is complete once its 256 base nodes are; before that, only the nodes complete in the tree size are
/// meaningful and the rest of the tile is zero. Every node of a log of size n that is not yet in a complete tile
/// lies in an edge tile, <see cref="EdgeTiles"/>: one per tile level, the only tiles an append rewrites.
/// </remarks>
public static class NodeTiles
{
    /// <summary>Node levels per tile.</summary>
    public const int Height = 8;

    /// <summary>Base nodes per tile (2^<see cref="Height"/>).</summary>
    public const int Width = 1 << Height;

    /// <summary>Hashes in a tile: 256 + 128 + … + 2.</summary>
    public const int HashCount = 2 * Width - 2;

    /// <summary>Bytes of a tile's stored form.</summary>
    public const int ByteCount = HashCount * MerkleHash.Size;

    /// <summary>The tile that holds <paramref name="node"/>, and the byte offset of its hash in that tile.</summary>
    public static (TileAddress Tile, int Offset) Locate(NodeAddress node)
    {
        int tileLevel = node.Level / Height;
        int j = node.Level % Height;
        int shift = Height - j;
        long tileIndex = node.Index >> shift;
        int within = (int)(node.Index & ((1L << shift) - 1));
        // Levels below j take 256 + 128 + … = 2·256 − 2·2^(8−j) hashes.
        int levelStart = 2 * Width - 2 * (1 << shift);
        return (new TileAddress(tileLevel, tileIndex), (levelStart + within) * MerkleHash.Size);
    }

    /// <summary>
    /// The tiles of a log of <paramref name="treeSize"/> leaves that hold complete nodes but are not themselves
    /// complete, lowest tile level first. They hold the log's frontier (the nodes the next append starts from).
    /// </summary>
    public static IReadOnlyList<TileAddress> EdgeTiles(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        var edges = new List<TileAddress>();
        for (int tileLevel = 0; tileLevel * Height <= NodeAddress.MaxLevel; tileLevel++)
        {
            long baseNodes = treeSize >> (tileLevel * Height);
            if (baseNodes == 0)
            {
                break;
            }
            if ((baseNodes & (Width - 1)) != 0)
            {
                edges.Add(new TileAddress(tileLevel, baseNodes >> Height));
            }
        }
        return edges;
    }

    /// <summary>
    /// Writes every node of <paramref name="nodes"/> into its tile. <paramref name="tile"/> returns the stored
    /// form of a tile to update in place: the stored edge tile, or a new zeroed array for a tile no node of the
    /// log was in before the batch (<see cref="IsNew"/>).
    /// </summary>
    public static void Write(CompletedNodes nodes, Func<TileAddress, byte[]> tile)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(tile);
        for (int level = 0; level < nodes.LevelCount; level++)
        {
            var hashes = nodes.Hashes(level);
            long first = nodes.FirstIndex(level);
            int count = nodes.Count(level);
            int i = 0;
            while (i < count)
            {
                var (address, offset) = Locate(new NodeAddress(level, first + i));
                // Nodes of one level are contiguous within a tile: copy the run that stays in this tile.
                int perTile = 1 << (Height - level % Height);
                int run = (int)Math.Min(count - i, perTile - ((first + i) & (perTile - 1)));
                hashes.Slice(i * MerkleHash.Size, run * MerkleHash.Size).CopyTo(tile(address).AsSpan(offset));
                i += run;
            }
        }
    }

    /// <summary>True when no node of <paramref name="tile"/> is complete in a log of <paramref name="treeSize"/> leaves.</summary>
    public static bool IsNew(TileAddress tile, long treeSize) =>
        (treeSize >> (tile.Level * Height)) <= tile.Index << Height;
}

/// <summary>A tile: tile level (node levels 8·Level … 8·Level+7) and index along that level.</summary>
public readonly record struct TileAddress(int Level, long Index)
{
    public override string ToString() => $"tile (level {Level}, index {Index})";
}
