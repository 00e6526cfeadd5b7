namespace Adal.Ledger;

/// <summary>
/// One audit in progress. Leaf hashes are gathered in chunks; each chunk is folded into a
/// <see cref="MerkleFrontier"/> exactly as an append would be, so the same nodes the log stored are
/// recomputed and compared level by level (leaves first, so an altered entry is reported as its
/// leaf, not as a node above it). Chunks end at every signed head's size to check its root there.
/// </summary>
internal sealed class AuditRun
{
    private const int ChunkLeaves = 1024;

    private readonly TreeHeadVerifier _verifier;
    private readonly IMerkleNodeStore? _store;
    private readonly SignedTreeHead[] _heads;
    private readonly MerkleFrontier _frontier = new();
    private readonly byte[] _leafHashes = new byte[ChunkLeaves * MerkleHash.Size];
    private readonly NodeAddress[] _addresses = new NodeAddress[ChunkLeaves];
    private readonly byte[] _storedHashes = new byte[ChunkLeaves * MerkleHash.Size];
    private int _pending;
    private int _nextHead;
    private long _lastVerifiedSize;
    private int _headsVerified;
    private long _nodesCompared;
    private AuditDivergence? _divergence;

    public AuditRun(TreeHeadVerifier verifier, IMerkleNodeStore? store, IEnumerable<SignedTreeHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        _verifier = verifier;
        _store = store;
        _heads = [.. heads.OrderBy(h => h?.TreeSize ?? -1).ThenBy(h => h?.Timestamp)];
    }

    /// <summary>Checks every head's signature before reading any entry; false if one fails.</summary>
    public bool Start()
    {
        foreach (var head in _heads)
        {
            var verdict = _verifier.Verify(head);
            if (!verdict.IsValid)
            {
                _divergence = new AuditDivergence(
                    DivergenceKind.TreeHeadSignatureInvalid, $"Tree head of size {head?.TreeSize}: {verdict.Problem}", TreeHead: head);
                return false;
            }
        }
        CheckHeadsAtCurrentSize();
        return _divergence is null;
    }

    /// <summary>Takes the next entry; false once a divergence is found.</summary>
    public bool Add(ReadOnlySpan<byte> entry)
    {
        if (_divergence is not null)
        {
            return false;
        }
        MerkleHash.Leaf(entry, _leafHashes.AsSpan(_pending * MerkleHash.Size, MerkleHash.Size));
        _pending++;
        if (_pending == ChunkLeaves || (_nextHead < _heads.Length && _frontier.Size + _pending == _heads[_nextHead].TreeSize))
        {
            Flush();
        }
        return _divergence is null;
    }

    /// <summary>Takes the next entry's leaf hash, computed by the caller; false once a divergence is found.</summary>
    public bool AddLeafHash(ReadOnlySpan<byte> leafHash)
    {
        if (_divergence is not null)
        {
            return false;
        }
        leafHash.CopyTo(_leafHashes.AsSpan(_pending * MerkleHash.Size, MerkleHash.Size));
        _pending++;
        if (_pending == ChunkLeaves || (_nextHead < _heads.Length && _frontier.Size + _pending == _heads[_nextHead].TreeSize))
        {
            Flush();
        }
        return _divergence is null;
    }

    public AuditReport Finish()
    {
        if (_divergence is null)
        {
            Flush();
        }
        long entries = _frontier.Size;
        if (_divergence is null && _nextHead < _heads.Length)
        {
            var head = _heads[_nextHead];
            _divergence = new AuditDivergence(
                DivergenceKind.TreeHeadBeyondLog,
                $"A signed tree head covers {head.TreeSize} entries but the log holds only {entries}: entries were removed after leaf {entries - 1}.",
                LeafIndex: entries, TreeHead: head);
        }
        if (_divergence is null && _store is not null && _store.LeafCount != entries)
        {
            _divergence = new AuditDivergence(
                DivergenceKind.StoreSizeDiffers,
                $"The node store holds {_store.LeafCount} leaves but there are {entries} entries.",
                LeafIndex: Math.Min(entries, _store.LeafCount));
        }
        return new AuditReport(entries, _headsVerified, _nodesCompared, _frontier.Root(), _divergence);
    }

    private void Flush()
    {
        if (_pending == 0)
        {
            return;
        }
        var nodes = _frontier.Extend(_leafHashes.AsSpan(0, _pending * MerkleHash.Size));
        _pending = 0;
        if (_store is not null && !CompareWithStore(nodes))
        {
            return;
        }
        _frontier.Advance(nodes);
        CheckHeadsAtCurrentSize();
    }

    private void CheckHeadsAtCurrentSize()
    {
        long size = _frontier.Size;
        byte[]? root = null;
        while (_nextHead < _heads.Length && _heads[_nextHead].TreeSize == size)
        {
            var head = _heads[_nextHead];
            root ??= _frontier.Root();
            if (!root.AsSpan().SequenceEqual(head.RootHash))
            {
                _divergence = new AuditDivergence(
                    DivergenceKind.TreeHeadRootDiffers,
                    $"The entries rebuild a different root at size {size} than the head signed at {head.Timestamp:O}: "
                    + $"an entry among leaves {_lastVerifiedSize}–{size - 1} was altered, removed, inserted or moved.",
                    LeafIndex: _lastVerifiedSize, TreeHead: head);
                return;
            }
            _headsVerified++;
            _nextHead++;
        }
        if (root is not null)
        {
            _lastVerifiedSize = size;
        }
    }

    private bool CompareWithStore(CompletedNodes nodes)
    {
        long stored = _store!.LeafCount;
        for (int level = 0; level < nodes.LevelCount; level++)
        {
            long first = nodes.FirstIndex(level);
            int comparable = (int)Math.Clamp((stored >> level) - first, 0, nodes.Count(level));
            var computed = nodes.Hashes(level);
            for (int i = 0; i < comparable; i++)
            {
                _addresses[i] = new NodeAddress(level, first + i);
            }
            var storedHashes = _storedHashes.AsSpan(0, comparable * MerkleHash.Size);
            if (!_store.TryReadNodes(_addresses.AsSpan(0, comparable), storedHashes))
            {
                _divergence = new AuditDivergence(
                    DivergenceKind.StoredNodeMissing, $"The node store cannot read level {level} from index {first}.", Node: new NodeAddress(level, first));
                return false;
            }
            for (int i = 0; i < comparable; i++)
            {
                _nodesCompared++;
                var range = new Range(i * MerkleHash.Size, (i + 1) * MerkleHash.Size);
                if (!computed[range].SequenceEqual(storedHashes[range]))
                {
                    _divergence = level == 0
                        ? new AuditDivergence(
                            DivergenceKind.EntryDiffersFromStoredLeaf,
                            $"Entry {first + i} does not hash to the leaf stored at index {first + i}: it was altered, or entries were removed, inserted or moved there.",
                            LeafIndex: first + i, Node: _addresses[i])
                        : new AuditDivergence(
                            DivergenceKind.StoredNodeDiffers,
                            $"Stored {_addresses[i]} differs from the hash of leaves {_addresses[i].FirstLeaf}–{_addresses[i].FirstLeaf + _addresses[i].LeafSpan - 1}.",
                            LeafIndex: _addresses[i].FirstLeaf, Node: _addresses[i]);
                    return false;
                }
            }
        }
        if (nodes.LeafCount > stored)
        {
            _divergence = new AuditDivergence(
                DivergenceKind.StoreSizeDiffers,
                $"Entry {stored} has no stored leaf: the node store holds only {stored} leaves.",
                LeafIndex: stored);
            return false;
        }
        return true;
    }
}
