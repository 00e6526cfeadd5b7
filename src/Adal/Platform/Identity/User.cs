using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Platform.Identity;

/// <summary>A person with an account at one university (tenant). E-mail is unique across the installation.</summary>
public sealed class User
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Email { get; set; }
    /// <summary>Null for people who have no password here (e.g. students who sign in through the university's SSO).</summary>
    public string? PasswordHash { get; set; }
    public required string FullName { get; set; }
    public string PreferredLanguage { get; set; } = "kk";
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public List<UserRole> Roles { get; set; } = [];
}

public sealed class UserRole
{
    public Guid UserId { get; set; }
    public required string Role { get; set; }
    public Guid TenantId { get; set; }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>, IEntityTypeConfiguration<UserRole>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.HasIndex(u => u.Email).IsUnique();
        b.HasIndex(u => u.TenantId);
        b.Property(u => u.Email).HasMaxLength(254);
        b.Property(u => u.FullName).HasMaxLength(200);
        b.Property(u => u.PreferredLanguage).HasMaxLength(2);
        b.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId);
    }

    public void Configure(EntityTypeBuilder<UserRole> b)
    {
        b.HasKey(r => new { r.UserId, r.Role });
        b.Property(r => r.Role).HasMaxLength(32);
        b.HasIndex(r => new { r.TenantId, r.Role });
    }
}
