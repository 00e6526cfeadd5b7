using Adal.Features.University;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Records;

/// <summary>
/// How a student takes a course: the first time (regular); again after FX, sitting the final exam once more
/// (resit); or again in full, after F or to improve the grade (repeat).
/// </summary>
public static class EnrolmentKind
{
    public const string Regular = "regular";
    public const string Resit = "resit";
    public const string Repeat = "repeat";

    public static readonly IReadOnlyList<string> All = [Regular, Resit, Repeat];
}

/// <summary>A student taking a course offering; graded at most once (a later attempt is a new enrolment).</summary>
public sealed class Enrolment
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid OfferingId { get; set; }
    public CourseOffering? Offering { get; set; }
    /// <summary>The student's user id (<see cref="Student.UserId"/>).</summary>
    public Guid StudentId { get; set; }
    public required string Kind { get; set; }
    public DateTime EnrolledAt { get; set; }
    public Grade? Grade { get; set; }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        b.HasIndex(e => new { e.OfferingId, e.StudentId }).IsUnique();
        b.HasIndex(e => new { e.TenantId, e.StudentId });
        b.Property(e => e.Kind).HasMaxLength(16);
        b.HasOne(e => e.Offering).WithMany().HasForeignKey(e => e.OfferingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Student>().WithMany().HasForeignKey(e => e.StudentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Grade).WithOne(g => g.Enrolment).HasForeignKey<Grade>(g => g.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
