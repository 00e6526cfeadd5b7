using Adal.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Records;

/// <summary>A course as taught in one period by its teacher, the only person who enters its grades.</summary>
public sealed class CourseOffering
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CourseId { get; set; }
    public Course? Course { get; set; }
    public Guid PeriodId { get; set; }
    public AcademicPeriod? Period { get; set; }
    public Guid TeacherId { get; set; }
}

internal sealed class CourseOfferingConfiguration : IEntityTypeConfiguration<CourseOffering>
{
    public void Configure(EntityTypeBuilder<CourseOffering> b)
    {
        b.HasIndex(o => new { o.TenantId, o.CourseId, o.PeriodId }).IsUnique();
        b.HasIndex(o => o.TeacherId);
        b.HasOne(o => o.Course).WithMany().HasForeignKey(o => o.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Period).WithMany().HasForeignKey(o => o.PeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(o => o.TeacherId).OnDelete(DeleteBehavior.Restrict);
    }
}
