using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Catalog;

/// <summary>
/// Every content of a definition file the platform has ever served, so that a request is always read under
/// the version it was submitted with, and the administrator sees each definition's history.
/// </summary>
public sealed class ServiceDefinitionVersion
{
    public Guid Id { get; set; }
    public required string Slug { get; set; }
    public int Version { get; set; }
    public required string ContentHash { get; set; }
    public required string Content { get; set; }
    public DateTime LoadedAt { get; set; }
}

internal sealed class ServiceDefinitionVersionConfiguration : IEntityTypeConfiguration<ServiceDefinitionVersion>
{
    public void Configure(EntityTypeBuilder<ServiceDefinitionVersion> b)
    {
        b.HasIndex(v => new { v.Slug, v.Version }).IsUnique();
        b.Property(v => v.Slug).HasMaxLength(80);
        b.Property(v => v.ContentHash).HasMaxLength(64);
    }
}
