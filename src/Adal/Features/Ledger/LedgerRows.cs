using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Ledger;

/// <summary>One leaf of a university's log: the exact bytes that were hashed, at its index.</summary>
public sealed class LedgerEntryRow
{
    public Guid TenantId { get; set; }
    public long Index { get; set; }
    public required string EventType { get; set; }
    public required byte[] Leaf { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>A complete subtree hash, node (level, index) = MTH of leaves [index·2^level, (index+1)·2^level). Written once, never changed.</summary>
public sealed class LedgerNodeRow
{
    public Guid TenantId { get; set; }
    public int Level { get; set; }
    public long Index { get; set; }
    public required byte[] Hash { get; set; }
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

/// <summary>The opening (salt, value) of a commitment in a leaf: for the document holder and authorised staff only.</summary>
public sealed class LedgerOpeningRow
{
    public Guid TenantId { get; set; }
    public long Index { get; set; }
    public required string Field { get; set; }
    public required byte[] Salt { get; set; }
    public required string Value { get; set; }
}

internal sealed class LedgerRowsConfiguration :
    IEntityTypeConfiguration<LedgerEntryRow>, IEntityTypeConfiguration<LedgerNodeRow>, IEntityTypeConfiguration<LedgerState>,
    IEntityTypeConfiguration<LedgerTreeHeadRow>, IEntityTypeConfiguration<LedgerKeyRow>, IEntityTypeConfiguration<LedgerOpeningRow>
{
    public void Configure(EntityTypeBuilder<LedgerEntryRow> b)
    {
        b.HasKey(e => new { e.TenantId, e.Index });
        b.Property(e => e.EventType).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<LedgerNodeRow> b) => b.HasKey(n => new { n.TenantId, n.Level, n.Index });

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

    public void Configure(EntityTypeBuilder<LedgerOpeningRow> b)
    {
        b.HasKey(o => new { o.TenantId, o.Index, o.Field });
        b.Property(o => o.Field).HasMaxLength(64);
    }
}
