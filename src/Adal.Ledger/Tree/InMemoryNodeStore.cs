namespace Adal.Ledger;

/// <summary>
/// Node store in process memory: each level is a list of fixed-size chunks of hashes, so growth never
/// copies hashes and ten million leaves (about 640 MB of nodes) fit without one giant array.
/// One writer at a time; readers may run alongside it because a chunk directory is replaced, never
/// resized in place, and <see cref="LeafCount"/> is published only after the nodes are written.
/// </summary>
public sealed class InMemoryNodeStore : IMerkleNodeStore
{
    private const int DefaultChunkShift = 15; // 32,768 hashes = 1 MiB per chunk

    private readonly int _chunkShift;
    private readonly long _chunkMask;
    private readonly byte[]?[][] _levels = new byte[]?[NodeAddress.MaxLevel + 1][];
    private long _leafCount;

    public InMemoryNodeStore()
        : this(DefaultChunkShift)
    {
    }

    internal InMemoryNodeStore(int chunkShift)
    {
        _chunkShift = chunkShift;
        _chunkMask = (1L << chunkShift) - 1;
        for (int level = 0; level < _levels.Length; level++)
        {
            _levels[level] = [];
        }
    }

    public long LeafCount => Volatile.Read(ref _leafCount);

    public bool TryReadNodes(ReadOnlySpan<NodeAddress> addresses, Span<byte> hashes)
    {
        if (hashes.Length < addresses.Length * MerkleHash.Size)
        {
            throw new ArgumentException("The destination must hold 32 bytes per address.", nameof(hashes));
        }
        long size = LeafCount;
        for (int i = 0; i < addresses.Length; i++)
        {
            var address = addresses[i];
            if (!address.IsCompleteIn(size))
            {
                return false;
            }
            var chunks = Volatile.Read(ref _levels[address.Level]);
            var chunk = chunks[address.Index >> _chunkShift]!;
            int offset = (int)(address.Index & _chunkMask) * MerkleHash.Size;
            chunk.AsSpan(offset, MerkleHash.Size).CopyTo(hashes.Slice(i * MerkleHash.Size, MerkleHash.Size));
        }
        return true;
    }

    public void Append(CompletedNodes nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.PreviousLeafCount != _leafCount)
        {
            throw new InvalidOperationException(
                $"The batch starts at leaf {nodes.PreviousLeafCount} but the store holds {_leafCount} leaves.");
        }
        for (int level = 0; level < nodes.LevelCount; level++)
        {
            Write(level, nodes.FirstIndex(level), nodes.Hashes(level));
        }
        Volatile.Write(ref _leafCount, nodes.LeafCount);
    }

    private void Write(int level, long firstIndex, ReadOnlySpan<byte> hashes)
    {
        long index = firstIndex;
        while (!hashes.IsEmpty)
        {
            var chunk = ChunkFor(level, index);
            int offset = (int)(index & _chunkMask);
            int take = (int)Math.Min(hashes.Length / MerkleHash.Size, (1L << _chunkShift) - offset);
            hashes[..(take * MerkleHash.Size)].CopyTo(chunk.AsSpan(offset * MerkleHash.Size));
            hashes = hashes[(take * MerkleHash.Size)..];
            index += take;
        }
    }

    private byte[] ChunkFor(int level, long index)
    {
        long chunkIndex = index >> _chunkShift;
        var chunks = _levels[level];
        if (chunkIndex >= chunks.Length)
        {
            var grown = new byte[]?[Math.Max(4, Math.Max(chunks.Length * 2, (int)chunkIndex + 1))];
            chunks.CopyTo(grown, 0);
            Volatile.Write(ref _levels[level], grown);
            chunks = grown;
        }
        return chunks[chunkIndex] ??= new byte[(1 << _chunkShift) * MerkleHash.Size];
    }
}
