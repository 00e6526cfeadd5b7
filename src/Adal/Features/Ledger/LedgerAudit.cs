using System.Threading.Channels;
using Adal.Features.Documents;
using Adal.Ledger;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Ledger;

public sealed record LedgerAuditResult(
    string University, long LogSize, long EntriesAudited, int TreeHeadsVerified, long NodesCompared, int DocumentsChecked,
    string RootHash, string? Divergence, long? LeafIndex)
{
    public bool Intact => Divergence is null;
}

/// <summary>
/// Recomputes a university's whole log from the stored entries and holds it to every signed tree head ever
/// issued and every stored node; then holds the records to the log: each issued document's PDF must hash to
/// what its document.issued leaf says. Reports the first divergence precisely (which leaf, head or document).
/// </summary>
public sealed class LedgerAudit(AdalDb db)
{
    private const int Page = 10_000; // a whole number of bundles
    private const int DocumentPage = 500;

    public async Task<LedgerAuditResult> RunAsync(Guid tenantId, string slug, CancellationToken ct)
    {
        var size = await UniversityLog.SizeAsync(db, tenantId, ct);
        var heads = (await db.LedgerTreeHeads.AsNoTracking().Where(h => h.TenantId == tenantId).ToListAsync(ct)).Select(UniversityLog.ToHead).ToList();
        var verifier = await UniversityKeys.VerifierAsync(db, tenantId, slug, ct);
        string? gap = null;
        long? gapIndex = null;

        // A second connection reads the entries ahead and hashes their leaves while the auditor folds the previous page
        // into the tree and compares stored nodes through this one: on two cores the halves overlap instead of adding up.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pages = Channel.CreateBounded<ReadOnlyMemory<byte>>(2);
        var reading = Task.Run(async () =>
        {
            try
            {
                await using var reader = db.Sibling();
                long next = 0;
                for (long from = 0; gap is null; from += Page)
                {
                    var hashes = new byte[Page * MerkleHash.Size];
                    var count = 0;
                    foreach (var blob in await EntryBundles.BlobsAsync(reader, tenantId, from, from + Page - 1, stop.Token))
                    {
                        foreach (var (index, leaf) in EntryBundles.Records(blob))
                        {
                            if (index != next)
                            {
                                gap = $"Entry {next} is missing: the next stored entry is {index}.";
                                gapIndex = next;
                                break;
                            }
                            MerkleHash.Leaf(leaf.Span, hashes.AsSpan(count++ * MerkleHash.Size, MerkleHash.Size));
                            next++;
                        }
                        if (gap is not null) break;
                    }
                    await pages.Writer.WriteAsync(hashes.AsMemory(0, count * MerkleHash.Size), stop.Token);
                    if (count < Page) break;
                }
                pages.Writer.Complete();
            }
            catch (Exception e)
            {
                pages.Writer.Complete(e);
            }
        }, CancellationToken.None);

        AuditReport report;
        try
        {
            report = await new LogAuditor(verifier, new DbNodeStore(db, tenantId, size)).AuditLeafHashesAsync(pages.Reader.ReadAllAsync(ct), heads, ct);
        }
        finally
        {
            // The auditor stops at the first divergence: the reader must not wait for it forever.
            await stop.CancelAsync();
            await reading;
        }
        var divergence = report.FirstDivergence?.ToString();
        var leafIndex = report.FirstDivergence?.LeafIndex;
        // A hole in the indexes explains the divergence it causes; name it first.
        if (gap is not null) (divergence, leafIndex) = (gap, gapIndex);
        else if (divergence is null && report.EntriesAudited != size)
            (divergence, leafIndex) = ($"The log's size is {size} but {report.EntriesAudited} entries are stored: entries from {report.EntriesAudited} on are missing.", report.EntriesAudited);
        var documents = 0;
        if (divergence is null)
            (divergence, leafIndex, documents) = await CheckDocumentsAsync(tenantId, ct);
        return new LedgerAuditResult(slug, size, report.EntriesAudited, report.TreeHeadsVerified, report.StoredNodesCompared, documents,
            Convert.ToBase64String(report.RootHash), divergence, leafIndex);
    }

    private async Task<(string?, long?, int)> CheckDocumentsAsync(Guid tenantId, CancellationToken ct)
    {
        // Its own part cache, filled from this database: the audit holds the stored parts to their names too.
        var files = new DocumentFiles();
        var checkedCount = 0;
        var after = "";
        while (true)
        {
            // A page at a time, along the key: a university's documents do not fit in memory at once.
            var documents = await db.Documents.IgnoreQueryFilters().AsNoTracking()
                .Where(d => d.TenantId == tenantId && d.LedgerIndex != null && d.Number.CompareTo(after) > 0).OrderBy(d => d.Number)
                .Select(d => new { d.Number, d.StoredPdf, d.Sha256, d.LedgerIndex }).Take(DocumentPage).ToListAsync(ct);
            foreach (var document in documents)
            {
                checkedCount++;
                var leaf = await EntryBundles.LeafAsync(db, tenantId, document.LedgerIndex!.Value, ct);
                if (leaf is null || !LedgerEntry.TryDecode(leaf, out var entry, out _) || entry.EventType != LedgerEventTypes.DocumentIssued
                    || entry.Field("document")?.AsText() != document.Number)
                    return ($"Document {document.Number} points to ledger entry {document.LedgerIndex}, which does not record its issue.", document.LedgerIndex, checkedCount);
                var recorded = entry.Field("sha256")?.Value.ToArray() ?? [];
                var pdf = await files.ReadAsync(db, document.StoredPdf, ct);
                var actual = pdf is null ? [] : System.Security.Cryptography.SHA256.HashData(pdf);
                if (!recorded.AsSpan().SequenceEqual(actual) || Convert.ToHexStringLower(actual) != document.Sha256)
                    return ($"Document {document.Number}: the stored PDF is not the one the ledger recorded at entry {document.LedgerIndex}.", document.LedgerIndex, checkedCount);
            }
            if (documents.Count < DocumentPage) return (null, null, checkedCount);
            after = documents[^1].Number;
        }
    }
}
