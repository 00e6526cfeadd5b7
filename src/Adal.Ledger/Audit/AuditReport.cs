namespace Adal.Ledger;

/// <summary>
/// The outcome of a full audit. <see cref="RootHash"/> is the root rebuilt from the entries read
/// (all of them when the log is intact).
/// </summary>
public sealed record AuditReport(
    long EntriesAudited,
    int TreeHeadsVerified,
    long StoredNodesCompared,
    byte[] RootHash,
    AuditDivergence? FirstDivergence)
{
    public bool IsIntact => FirstDivergence is null;
}
