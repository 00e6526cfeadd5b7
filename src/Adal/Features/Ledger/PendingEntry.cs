using Adal.Ledger;

namespace Adal.Features.Ledger;

/// <summary>
/// An event waiting for the unit of work to commit. Most are prepared when recorded — encoded, leaf-hashed, their
/// openings serialised — so the log's lock covers only what must be serial. An entry that records something printing
/// its own index (an issued PDF shows "Ledger entry No. N") is built once its index is known, under the lock.
/// </summary>
public sealed class PendingEntry
{
    private readonly Func<long, LedgerDraft>? _build;
    private readonly PreparedEntry? _prepared;

    public PendingEntry(Func<long, LedgerDraft> build) => _build = build;

    public PendingEntry(LedgerDraft draft) => _prepared = PreparedEntry.From(draft);

    public PreparedEntry Prepare(long index) => _prepared ?? PreparedEntry.From(_build!(index));
}

/// <summary>An entry ready to append: its leaf (the exact bytes hashed), the leaf hash, and its openings as stored.</summary>
public sealed record PreparedEntry(string EventType, byte[] Leaf, byte[] LeafHash, string? Openings)
{
    public static PreparedEntry From(LedgerDraft draft)
    {
        var leaf = draft.ToEntry().Encode();
        return new PreparedEntry(draft.EventType, leaf, MerkleHash.Leaf(leaf), LedgerOpenings.Encode(draft.Openings));
    }

    /// <summary>The batch's leaf hashes laid end to end, as <see cref="MerkleLog.AppendLeafHashes"/> takes them.</summary>
    public static byte[] LeafHashes(IReadOnlyList<PreparedEntry> batch)
    {
        var hashes = new byte[batch.Count * MerkleHash.Size];
        for (var i = 0; i < batch.Count; i++) batch[i].LeafHash.CopyTo(hashes, i * MerkleHash.Size);
        return hashes;
    }
}

/// <summary>An entry's fields, plus the openings of its commitments (stored apart from the public leaf).</summary>
public sealed class LedgerDraft(string eventType, DateTimeOffset at)
{
    private static readonly System.Security.Cryptography.RandomNumberGenerator Salts = new BufferedSalts();
    private readonly List<LedgerField> _fields = [];
    private readonly List<(string Field, CommitmentOpening Opening)> _openings = [];

    public string EventType => eventType;
    public IReadOnlyList<(string Field, CommitmentOpening Opening)> Openings => _openings;

    public LedgerDraft Text(string name, string value) { _fields.Add(LedgerField.Text(name, value)); return this; }

    public LedgerDraft Integer(string name, long value) { _fields.Add(LedgerField.Integer(name, value)); return this; }

    public LedgerDraft Bytes(string name, ReadOnlySpan<byte> value) { _fields.Add(LedgerField.Bytes(name, value)); return this; }

    /// <summary>A personal or private value: only a salted commitment enters the public leaf.</summary>
    public LedgerDraft Committed(string name, string value)
    {
        var (commitment, opening) = SaltedCommitment.Commit(value, Salts);
        _fields.Add(LedgerField.Commitment(name, commitment));
        _openings.Add((name, opening));
        return this;
    }

    public LedgerEntry ToEntry() => new(eventType, at, _fields);
}
