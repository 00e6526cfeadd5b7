using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Documents;

/// <summary>
/// Bytes that many issued documents' files hold the same (a font file cut down to the common alphabets), stored once
/// and named by their SHA-256 (<see cref="DocumentFile"/>). Written once, never changed or deleted: a document issued
/// years ago is put back together from the same rows. Shared by all universities, as the fonts are.
/// </summary>
public sealed class DocumentPart
{
    /// <summary>Lowercase hex.</summary>
    public required string Sha256 { get; set; }
    public required byte[] Bytes { get; set; }
}

internal sealed class DocumentPartConfiguration : IEntityTypeConfiguration<DocumentPart>
{
    public void Configure(EntityTypeBuilder<DocumentPart> b)
    {
        b.HasKey(p => p.Sha256);
        b.Property(p => p.Sha256).HasMaxLength(64);
    }
}
