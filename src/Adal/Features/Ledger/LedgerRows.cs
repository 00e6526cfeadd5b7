using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Ledger;

/// <summary>
/// Sixteen consecutive entries of a university's log (<see cref="EntryBundles"/>): bundle k holds entries [16k, 16k+16),
/// each as its index and the exact leaf bytes that were hashed, plus the openings of the leaves' commitments.
/// A batch of a thousand entries writes 63 rows instead of a thousand; only the log's last bundle is ever rewritten.
/// </summary>
public sealed class LedgerBundleRow
{
    public Guid TenantId { get; set; }
    public long Index { get; set; }
    public required byte[] Leaves { get; set; }

    /// <summary>
    /// The openings of the leaves' commitments (<see cref="LedgerOpenings"/>, a JSON array by position), for authorised
    /// staff and the document holder only: the public API and the audit never read this column. Erasing an entry's
    /// openings (null in its place) removes the personal values for good while its leaf and every proof stay intact.
    /// </summary>
    public string? Openings { get; set; }
}

/// <summary>
/// A tile of complete subtree hashes (<see cref="Adal.Ledger.NodeTiles"/>): 510 hashes over 256 base nodes, so a
/// batch of a thousand leaves writes a handful of rows. A complete tile never changes; only a log's edge tiles grow.
/// </summary>
public sealed class LedgerTileRow
{
    public Guid TenantId { get; set; }
    public int Level { get; set; }
    public long Index { get; set; }
    public required byte[] Hashes { get; set; }
}

/// <summary>The log's size; its row is locked while a batch is appended, so appends to one log never interleave.</summary>
public sealed class LedgerState
{
    public Guid TenantId { get; set; }
    public long Size { get; set; }
}

/// <summary>Every signed tree head ever handed out: the audit checks each against the log.</summary>
public sealed class LedgerTreeHeadRow
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public long TreeSize { get; set; }
    public required byte[] RootHash { get; set; }
    public long TimestampMs { get; set; }
    public required string KeyId { get; set; }
    public required byte[] Signature { get; set; }
}

/// <summary>A university's signing key. The private key is stored encrypted by ASP.NET Data Protection; a retired key still verifies old heads.</summary>
public sealed class LedgerKeyRow
{
    public required string KeyId { get; set; }
    public Guid TenantId { get; set; }
    public required byte[] PublicKey { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RetiredAt { get; set; }
}

internal sealed class LedgerRowsConfiguration :
    IEntityTypeConfiguration<LedgerBundleRow>, IEntityTypeConfiguration<LedgerTileRow>, IEntityTypeConfiguration<LedgerState>,
    IEntityTypeConfiguration<LedgerTreeHeadRow>, IEntityTypeConfiguration<LedgerKeyRow>
{
    public void Configure(EntityTypeBuilder<LedgerBundleRow> b) => b.HasKey(e => new { e.TenantId, e.Index });

    public void Configure(EntityTypeBuilder<LedgerTileRow> b) => b.HasKey(t => new { t.TenantId, t.Level, t.Index });

    public void Configure(EntityTypeBuilder<LedgerState> b) => b.HasKey(s => s.TenantId);

    public void Configure(EntityTypeBuilder<LedgerTreeHeadRow> b)
    {
        b.HasIndex(h => new { h.TenantId, h.TreeSize });
        b.Property(h => h.KeyId).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<LedgerKeyRow> b)
    {
        b.HasKey(k => k.KeyId);
        b.Property(k => k.KeyId).HasMaxLength(64);
        b.HasIndex(k => k.TenantId);
    }
}
