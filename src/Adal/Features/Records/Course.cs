using Adal.Features.University;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Records;

/// <summary>
/// The cycles of a Kazakh higher-education programme (State compulsory standard, ГОСО): general education
/// (ООД / ЖБП), basic (БД / БП) and major (ПД / КП) disciplines, and the final attestation (ИА / ҚА).
/// </summary>
public static class CourseComponent
{
    public const string General = "general";
    public const string Basic = "basic";
    public const string Major = "major";
    public const string Final = "final";

    public static readonly IReadOnlyList<string> All = [General, Basic, Major, Final];
}

/// <summary>A discipline of the curriculum with its ECTS credits; taught in periods as <see cref="CourseOffering"/>s.</summary>
public sealed class Course
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    /// <summary>The discipline's code in the curriculum, e.g. INF2104.</summary>
    public required string Code { get; set; }
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
    public required string NameEn { get; set; }
    /// <summary>ECTS credits (one credit is 30 academic hours of the student's work).</summary>
    public int Credits { get; set; }
    public required string Component { get; set; }
    /// <summary>The programme whose curriculum owns it; null for university-wide courses (history, languages).</summary>
    public Guid? ProgrammeId { get; set; }
    public Programme? Programme { get; set; }

    public string Name(string language) => language switch { "kk" => NameKk, "ru" => NameRu, _ => NameEn };
}

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> b)
    {
        b.HasIndex(c => new { c.TenantId, c.Code }).IsUnique();
        b.Property(c => c.Code).HasMaxLength(32);
        b.Property(c => c.NameKk).HasMaxLength(300);
        b.Property(c => c.NameRu).HasMaxLength(300);
        b.Property(c => c.NameEn).HasMaxLength(300);
        b.Property(c => c.Component).HasMaxLength(16);
        b.HasOne(c => c.Programme).WithMany().HasForeignKey(c => c.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
    }
}
