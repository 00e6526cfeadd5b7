using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Documents;

/// <summary>A document the university issued: the PDF as issued (as stored: <see cref="DocumentFiles"/> reads it), its SHA-256, and whether it was revoked.</summary>
public sealed class IssuedDocument
{
    /// <summary>Unique and unguessable, e.g. DEMO-2026-7K3QX9MP; the QR code links to /verify/{Number}.</summary>
    public required string Number { get; set; }
    public Guid TenantId { get; set; }
    public Guid RequestId { get; set; }
    public Guid HolderId { get; set; }
    public required string ServiceSlug { get; set; }
    public required string HolderName { get; set; }
    public required string Title { get; set; }
    public required string Language { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>The PDF in its stored form (<see cref="DocumentFile"/>): the parts every document shares left out.</summary>
    public required byte[] StoredPdf { get; set; }
    public DateTime IssuedAt { get; set; }
    /// <summary>The document.issued entry in the university's integrity ledger; printed on the PDF.</summary>
    public long? LedgerIndex { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }
}

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> b)
    {
        b.HasKey(d => d.Number);
        b.Property(d => d.Number).HasMaxLength(40);
        b.Property(d => d.ServiceSlug).HasMaxLength(80);
        b.Property(d => d.HolderName).HasMaxLength(200);
        b.Property(d => d.Title).HasMaxLength(300);
        b.Property(d => d.Language).HasMaxLength(2);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.Property(d => d.StoredPdf).HasColumnName("Pdf");
        b.HasIndex(d => d.RequestId);
    }
}
