using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Assignment;

/// <summary>
/// A staff member's declared conflict of interest with a person (relative, neighbour, business partner):
/// the system never assigns them that person's case. The anti-corruption module will extend this register.
/// </summary>
public sealed class ConflictOfInterestDeclaration
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid StaffUserId { get; set; }
    public Guid PersonUserId { get; set; }
    public required string Reason { get; set; }
    public DateTime DeclaredAt { get; set; }
}

internal sealed class ConflictOfInterestConfiguration : IEntityTypeConfiguration<ConflictOfInterestDeclaration>
{
    public void Configure(EntityTypeBuilder<ConflictOfInterestDeclaration> b)
    {
        b.Property(c => c.Reason).HasMaxLength(1000);
        b.HasIndex(c => new { c.TenantId, c.PersonUserId });
    }
}
