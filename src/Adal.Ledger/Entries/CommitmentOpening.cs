namespace Adal.Ledger;

/// <summary>
/// What opens a <see cref="Commitment"/>: the 32 random salt bytes and the value. The host keeps it
/// in its own (erasable) database, never in the ledger: deleting the opening leaves the leaf — and
/// every proof over it — intact while the personal value becomes unrecoverable.
/// </summary>
public sealed record CommitmentOpening(byte[] Salt, string Value);
