using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Records;

/// <summary>
/// applied: the teacher corrected the grade within the grading window; pending: asked for after the window,
/// waiting for a second person; approved (and applied) or rejected by that person.
/// </summary>
public static class GradeChangeStatus
{
    public const string Applied = "applied";
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}

/// <summary>
/// A change to a grade, or a late first grade (no <see cref="GradeId"/> yet): who asked, why, who decided.
/// Nothing changes the score of a grade except an applied or approved change.
/// </summary>
public sealed class GradeChange
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid EnrolmentId { get; set; }
    public Enrolment? Enrolment { get; set; }
    /// <summary>Null for a late first grade asked for after the window.</summary>
    public Guid? GradeId { get; set; }
    public int? OldScore { get; set; }
    public int NewScore { get; set; }
    public string? Reason { get; set; }
    public required string Status { get; set; }
    public Guid RequestedById { get; set; }
    public DateTime RequestedAt { get; set; }
    public Guid? DecidedById { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    /// <summary>The grade.changed (or grade.entered) ledger entry, once applied.</summary>
    public long? LedgerIndex { get; set; }
}

internal sealed class GradeChangeConfiguration : IEntityTypeConfiguration<GradeChange>
{
    public void Configure(EntityTypeBuilder<GradeChange> b)
    {
        b.HasIndex(c => new { c.TenantId, c.Status });
        b.HasIndex(c => c.EnrolmentId);
        b.Property(c => c.Status).HasMaxLength(16);
        b.Property(c => c.Reason).HasMaxLength(2000);
        b.Property(c => c.DecisionNote).HasMaxLength(2000);
        b.HasOne(c => c.Enrolment).WithMany().HasForeignKey(c => c.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
