using Adal.Ledger;

namespace Adal.Features.Ledger;

/// <summary>
/// An event waiting for the unit of work to commit. Built only once its index is known, because some
/// entries record things that print their own index (an issued PDF shows "Ledger entry No. N").
/// </summary>
public sealed record PendingEntry(Func<long, LedgerDraft> Build);

/// <summary>An entry's fields, plus the openings of its commitments (stored apart from the public leaf).</summary>
public sealed class LedgerDraft(string eventType, DateTimeOffset at)
{
    // The platform's cryptographic generator is thread-safe; one instance serves every commitment.
    private static readonly System.Security.Cryptography.RandomNumberGenerator Salts = System.Security.Cryptography.RandomNumberGenerator.Create();
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
