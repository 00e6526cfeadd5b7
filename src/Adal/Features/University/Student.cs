using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.University;

public enum StudentStatus { Applicant, Enrolled, OnLeave, Withdrawn, Graduated }

/// <summary>A student's standing at the university; the user account holds the person, this the study.</summary>
public sealed class Student
{
    public Guid UserId { get; set; }
    public Guid TenantId { get; set; }
    public required string StudentNumber { get; set; }
    /// <summary>The 12-digit individual identification number (ИИН/ЖСН); null for foreign students without one.</summary>
    public string? Iin { get; set; }
    public Guid? ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public int Year { get; set; }
    public StudentStatus Status { get; set; }
    public bool IsForeign { get; set; }
}

public sealed class Faculty
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Code { get; set; }
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
    public required string NameEn { get; set; }

    public string Name(string language) => language switch { "kk" => NameKk, "ru" => NameRu, _ => NameEn };
}

public sealed class Programme
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid FacultyId { get; set; }
    public Faculty? Faculty { get; set; }
    /// <summary>The national classifier code, e.g. 6B06101 (bachelor), 7M06101 (master), 8D06101 (doctoral).</summary>
    public required string Code { get; set; }
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
    public required string NameEn { get; set; }
    /// <summary>bachelor, master or doctoral.</summary>
    public required string Level { get; set; }
    public int DurationYears { get; set; }

    public string Name(string language) => language switch { "kk" => NameKk, "ru" => NameRu, _ => NameEn };
}

internal sealed class UniversityConfiguration :
    IEntityTypeConfiguration<Student>, IEntityTypeConfiguration<Faculty>, IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Student> b)
    {
        b.HasKey(s => s.UserId);
        b.HasIndex(s => new { s.TenantId, s.StudentNumber }).IsUnique();
        b.Property(s => s.StudentNumber).HasMaxLength(32);
        b.Property(s => s.Iin).HasMaxLength(12);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<Faculty> b)
    {
        b.HasIndex(f => new { f.TenantId, f.Code }).IsUnique();
        b.Property(f => f.Code).HasMaxLength(32);
    }

    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.HasIndex(p => new { p.TenantId, p.Code }).IsUnique();
        b.Property(p => p.Code).HasMaxLength(32);
        b.Property(p => p.Level).HasMaxLength(16);
    }
}
