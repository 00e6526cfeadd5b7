using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Platform.Tenancy;

/// <summary>A university on the installation. Everything a university owns carries its TenantId.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; }
    /// <summary>Short, URL-safe and stable: "demo". Also the prefix of its document numbers.</summary>
    public required string Slug { get; set; }
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
    public required string NameEn { get; set; }
    public DateTime CreatedAt { get; set; }

    public string Name(string language) => language switch { "kk" => NameKk, "ru" => NameRu, _ => NameEn };
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.HasIndex(t => t.Slug).IsUnique();
        b.Property(t => t.Slug).HasMaxLength(32);
    }
}
