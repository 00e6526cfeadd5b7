namespace Adal.Ledger;

/// <summary>
/// Recomputes a whole log from its stored entries and checks it against everything the log ever
/// claimed: every signed tree head (signature, and root at its size — RFC 9162 §2.1.2) and, when
/// given, every stored node hash. Entries stream through: memory stays constant however long the log.
/// Stops at the first divergence and says precisely where it is.
/// </summary>
public sealed class LogAuditor
{
    private readonly TreeHeadVerifier _verifier;
    private readonly IMerkleNodeStore? _storedNodes;

    /// <param name="verifier">Trusts every key the log has signed with, old ones included.</param>
    /// <param name="storedNodes">The log's node store, to compare node by node; null to check heads only.</param>
    public LogAuditor(TreeHeadVerifier verifier, IMerkleNodeStore? storedNodes = null)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        _verifier = verifier;
        _storedNodes = storedNodes;
    }

    /// <summary>Audits encoded entries in leaf order against every tree head issued.</summary>
    public AuditReport Audit(IEnumerable<byte[]> entries, IEnumerable<SignedTreeHead> treeHeads)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var run = new AuditRun(_verifier, _storedNodes, treeHeads);
        if (run.Start())
        {
            foreach (var entry in entries)
            {
                if (!run.Add(entry))
                {
                    break;
                }
            }
        }
        return run.Finish();
    }

    /// <summary>As <see cref="Audit"/>, reading entries as the database streams them.</summary>
    public async Task<AuditReport> AuditAsync(
        IAsyncEnumerable<byte[]> entries, IEnumerable<SignedTreeHead> treeHeads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var run = new AuditRun(_verifier, _storedNodes, treeHeads);
        if (run.Start())
        {
            await foreach (var entry in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (!run.Add(entry))
                {
                    break;
                }
            }
        }
        return run.Finish();
    }

    /// <summary>
    /// As <see cref="AuditAsync"/>, from the entries' leaf hashes (RFC 9162: SHA-256(0x00 ‖ entry)) computed by the
    /// caller as it reads the stored entries — on another thread, so that reading, leaf hashing and the rest of the
    /// audit overlap. Each item holds one or more 32-byte hashes laid end to end, in leaf order.
    /// </summary>
    public async Task<AuditReport> AuditLeafHashesAsync(
        IAsyncEnumerable<ReadOnlyMemory<byte>> leafHashes, IEnumerable<SignedTreeHead> treeHeads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var run = new AuditRun(_verifier, _storedNodes, treeHeads);
        if (run.Start())
        {
            await foreach (var block in leafHashes.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (block.Length % MerkleHash.Size != 0)
                {
                    throw new ArgumentException("Leaf hashes come in whole 32-byte hashes.", nameof(leafHashes));
                }
                for (int at = 0; at < block.Length; at += MerkleHash.Size)
                {
                    if (!run.AddLeafHash(block.Span.Slice(at, MerkleHash.Size)))
                    {
                        return run.Finish();
                    }
                }
            }
        }
        return run.Finish();
    }
}
