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

/// <summary>
/// The operating system's cryptographic generator, drawn 4 KiB at a time per thread: a salt is 32 bytes, and asking the
/// kernel for each one cost more (1.8 µs) than the commitment's hash. The bytes are the same CSPRNG output, each used once.
/// </summary>
internal sealed class BufferedSalts : System.Security.Cryptography.RandomNumberGenerator
{
    [ThreadStatic] private static byte[]? _buffer;
    [ThreadStatic] private static int _used;

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(Span<byte> data)
    {
        if (data.Length > 256)
        {
            Fill(data);
            return;
        }
        if (_buffer is null || _used + data.Length > _buffer.Length)
        {
            _buffer ??= new byte[4096];
            Fill(_buffer);
            _used = 0;
        }
        var slice = _buffer.AsSpan(_used, data.Length);
        slice.CopyTo(data);
        slice.Clear(); // handed out once: a salt must not stay behind in the buffer
        _used += data.Length;
    }
}
