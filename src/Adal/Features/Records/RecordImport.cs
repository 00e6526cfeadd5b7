using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Records;

/// <summary>
/// A CSV file imported for real, kept byte for byte: its SHA-256 is in the integrity ledger (records.imported),
/// so the file proves what was imported, by whom and when; imported grades point back to it.
/// </summary>
public sealed class RecordImport
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Kind { get; set; }
    public int Rows { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    /// <summary>Null for the demo university's seed.</summary>
    public Guid? ImportedById { get; set; }
    public DateTime ImportedAt { get; set; }
    public long? LedgerIndex { get; set; }
}

internal sealed class RecordImportConfiguration : IEntityTypeConfiguration<RecordImport>
{
    public void Configure(EntityTypeBuilder<RecordImport> b)
    {
        b.HasIndex(i => new { i.TenantId, i.ImportedAt });
        b.Property(i => i.Kind).HasMaxLength(16);
        b.Property(i => i.Sha256).HasMaxLength(64);
    }
}
