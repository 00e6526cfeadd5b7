namespace Adal.Ledger.Tests;

/// <summary>
/// A semester's ledger: 2,500 events, a signed tree head after every 300, the key rotated half-way.
/// Each test tampers with one thing and expects the audit to name exactly where.
/// </summary>
public sealed class AuditTests : IDisposable
{
    private const string LogId = "satbayev.university";
    private const int Count = 2_500;

    private readonly FixedClock _clock = new(Build.Noon);
    private readonly LogSigner _autumnKey;
    private readonly LogSigner _springKey;
    private readonly TreeHeadVerifier _verifier = new(LogId);
    private readonly byte[][] _entries = Build.Entries(Count);
    private readonly InMemoryNodeStore _store = new();
    private readonly List<SignedTreeHead> _heads = [];

    public AuditTests()
    {
        _autumnKey = LogSigner.Generate(LogId, _clock);
        _springKey = LogSigner.Generate(LogId, _clock);
        _verifier.TrustPublicKeyPem(_autumnKey.ExportPublicKeyPem());
        _verifier.TrustPublicKeyPem(_springKey.ExportPublicKeyPem());
        var log = new MerkleLog(_store);
        _heads.Add(_autumnKey.Sign(0, log.RootHash()));
        for (int at = 0; at < Count; at += 300)
        {
            var batch = _entries[at..Math.Min(Count, at + 300)];
            var appended = log.AppendBatch(batch);
            _clock.Advance(TimeSpan.FromHours(1));
            var signer = appended.TreeSize <= Count / 2 ? _autumnKey : _springKey;
            _heads.Add(signer.Sign(appended.TreeSize, appended.RootHash));
        }
    }

    public void Dispose()
    {
        _autumnKey.Dispose();
        _springKey.Dispose();
        _verifier.Dispose();
    }

    [Fact]
    public void An_untouched_ledger_passes_the_audit_under_both_keys()
    {
        var report = new LogAuditor(_verifier, _store).Audit(_entries, _heads);
        Assert.True(report.IsIntact, report.FirstDivergence?.ToString());
        Assert.Equal(Count, report.EntriesAudited);
        Assert.Equal(_heads.Count, report.TreeHeadsVerified);
        Assert.Equal(MerkleHash.RootOf(_entries), report.RootHash);
        Assert.True(report.StoredNodesCompared >= 2 * Count - 12);
    }

    [Fact]
    public async Task Leaf_hashes_computed_by_the_caller_give_the_same_report_as_the_entries()
    {
        static async IAsyncEnumerable<ReadOnlyMemory<byte>> Blocks(IEnumerable<byte[]> entries, int perBlock)
        {
            foreach (var chunk in entries.Chunk(perBlock))
            {
                await Task.Yield();
                yield return chunk.SelectMany(e => MerkleHash.Leaf(e)).ToArray();
            }
        }
        var intact = await new LogAuditor(_verifier, _store).AuditLeafHashesAsync(Blocks(_entries, 333), _heads);
        var expected = new LogAuditor(_verifier, _store).Audit(_entries, _heads);
        Assert.Null(intact.FirstDivergence);
        Assert.Equal((expected.EntriesAudited, expected.TreeHeadsVerified, expected.StoredNodesCompared), (intact.EntriesAudited, intact.TreeHeadsVerified, intact.StoredNodesCompared));
        Assert.Equal(expected.RootHash, intact.RootHash);

        var entries = _entries.ToArray();
        entries[1_234] = Build.Flip(entries[1_234], 20);
        var divergence = (await new LogAuditor(_verifier, _store).AuditLeafHashesAsync(Blocks(entries, 1_000), _heads)).FirstDivergence;
        Assert.Equal(new LogAuditor(_verifier, _store).Audit(entries, _heads).FirstDivergence, divergence);
        Assert.Equal(1_234, divergence!.LeafIndex);
    }

    [Fact]
    public void An_altered_grade_is_reported_at_its_leaf()
    {
        var entries = (byte[][])_entries.Clone();
        entries[1_234] = Build.Flip(entries[1_234], 40);
        var divergence = new LogAuditor(_verifier, _store).Audit(entries, _heads).FirstDivergence;
        Assert.Equal(DivergenceKind.EntryDiffersFromStoredLeaf, divergence?.Kind);
        Assert.Equal(1_234, divergence?.LeafIndex);
    }

    [Fact]
    public void A_deleted_entry_is_reported_where_it_was_removed()
    {
        var entries = _entries.Where((_, i) => i != 777).ToArray();
        var divergence = new LogAuditor(_verifier, _store).Audit(entries, _heads).FirstDivergence;
        Assert.Equal(DivergenceKind.EntryDiffersFromStoredLeaf, divergence?.Kind);
        Assert.Equal(777, divergence?.LeafIndex);
    }

    [Fact]
    public void Two_swapped_entries_are_reported_at_the_first_of_them()
    {
        var entries = (byte[][])_entries.Clone();
        (entries[2_001], entries[2_400]) = (entries[2_400], entries[2_001]);
        var divergence = new LogAuditor(_verifier, _store).Audit(entries, _heads).FirstDivergence;
        Assert.Equal(DivergenceKind.EntryDiffersFromStoredLeaf, divergence?.Kind);
        Assert.Equal(2_001, divergence?.LeafIndex);
    }

    [Fact]
    public void Without_the_node_store_the_signed_heads_still_catch_an_altered_entry()
    {
        var entries = (byte[][])_entries.Clone();
        entries[1_000] = Build.Entries(1, seed: 5)[0];
        var divergence = new LogAuditor(_verifier).Audit(entries, _heads).FirstDivergence;
        Assert.Equal(DivergenceKind.TreeHeadRootDiffers, divergence?.Kind);
        Assert.Equal(1_200, divergence?.TreeHead?.TreeSize);
        Assert.Equal(900, divergence?.LeafIndex);
        Assert.Contains("900–1199", divergence?.Description);
    }

    [Fact]
    public void Rewriting_an_entry_together_with_every_stored_node_is_still_caught_by_the_signed_heads()
    {
        var entries = (byte[][])_entries.Clone();
        entries[10] = Build.Entries(1, seed: 5)[0];
        var (_, rebuiltStore) = Build.Log(entries, batch: 250);
        var divergence = new LogAuditor(_verifier, rebuiltStore).Audit(entries, _heads).FirstDivergence;
        Assert.Equal(DivergenceKind.TreeHeadRootDiffers, divergence?.Kind);
        Assert.Equal(300, divergence?.TreeHead?.TreeSize);
    }

    [Fact]
    public void Entries_removed_from_the_end_are_caught_by_the_last_tree_head()
    {
        var divergence = new LogAuditor(_verifier).Audit(_entries[..2_450], _heads).FirstDivergence;
        Assert.Equal(DivergenceKind.TreeHeadBeyondLog, divergence?.Kind);
        Assert.Equal(2_450, divergence?.LeafIndex);
        Assert.Equal(Count, divergence?.TreeHead?.TreeSize);
    }

    [Fact]
    public void Entries_removed_from_the_end_are_caught_by_the_node_store_size()
    {
        var divergence = new LogAuditor(_verifier, _store).Audit(_entries[..2_450], _heads[..^1]).FirstDivergence;
        Assert.Equal(DivergenceKind.StoreSizeDiffers, divergence?.Kind);
        Assert.Equal(2_450, divergence?.LeafIndex);
    }

    [Fact]
    public void A_tampered_interior_node_is_reported_by_its_level_and_index()
    {
        var tampered = new TamperedStore(_store, new NodeAddress(4, 37));
        var divergence = new LogAuditor(_verifier, tampered).Audit(_entries, _heads).FirstDivergence;
        Assert.Equal(DivergenceKind.StoredNodeDiffers, divergence?.Kind);
        Assert.Equal(new NodeAddress(4, 37), divergence?.Node);
        Assert.Equal(37 * 16, divergence?.LeafIndex);
    }

    [Fact]
    public void A_forged_tree_head_signature_is_reported_with_the_head()
    {
        var heads = _heads.ToList();
        heads[3] = heads[3] with { Signature = Build.Flip(heads[3].Signature, 5) };
        var divergence = new LogAuditor(_verifier, _store).Audit(_entries, heads).FirstDivergence;
        Assert.Equal(DivergenceKind.TreeHeadSignatureInvalid, divergence?.Kind);
        Assert.Same(heads[3], divergence?.TreeHead);
    }

    [Fact]
    public void A_head_signed_with_a_key_the_auditor_was_never_given_fails_the_audit()
    {
        using var onlyAutumn = new TreeHeadVerifier(LogId);
        onlyAutumn.TrustPublicKeyPem(_autumnKey.ExportPublicKeyPem());
        var divergence = new LogAuditor(onlyAutumn).Audit(_entries, _heads).FirstDivergence;
        Assert.Equal(DivergenceKind.TreeHeadSignatureInvalid, divergence?.Kind);
        Assert.Equal(_springKey.KeyId, divergence?.TreeHead?.KeyId);
    }

    [Fact]
    public async Task A_streamed_audit_reaches_the_same_verdict_as_an_in_memory_one()
    {
        var entries = (byte[][])_entries.Clone();
        (entries[5], entries[6]) = (entries[6], entries[5]);
        var auditor = new LogAuditor(_verifier, _store);
        var intact = await auditor.AuditAsync(Stream(_entries), _heads);
        var swapped = await auditor.AuditAsync(Stream(entries), _heads);
        Assert.True(intact.IsIntact);
        Assert.Equal(5, swapped.FirstDivergence?.LeafIndex);
    }

    private static async IAsyncEnumerable<byte[]> Stream(byte[][] entries)
    {
        foreach (var entry in entries)
        {
            await Task.Yield();
            yield return entry;
        }
    }

    /// <summary>A store whose one node has been overwritten behind the log's back.</summary>
    private sealed class TamperedStore(IMerkleNodeStore inner, NodeAddress victim) : IMerkleNodeStore
    {
        public long LeafCount => inner.LeafCount;

        public bool TryReadNodes(ReadOnlySpan<NodeAddress> addresses, Span<byte> hashes)
        {
            if (!inner.TryReadNodes(addresses, hashes))
            {
                return false;
            }
            int at = addresses.IndexOf(victim);
            if (at >= 0)
            {
                hashes[at * MerkleHash.Size] ^= 0xFF;
            }
            return true;
        }

        public void Append(CompletedNodes nodes) => inner.Append(nodes);
    }
}
