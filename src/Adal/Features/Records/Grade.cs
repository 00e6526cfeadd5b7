using Adal.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Records;

/// <summary>
/// The final grade of one enrolment: the percentage score and the letter it earned on the scale in force.
/// Every grade has an author and a time, and its entry and every change are entries of the integrity ledger.
/// </summary>
public sealed class Grade
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid EnrolmentId { get; set; }
    public Enrolment? Enrolment { get; set; }
    /// <summary>0–100, whole numbers.</summary>
    public int Score { get; set; }
    /// <summary>A, A-, B+ … FX, F; the points follow from the letter (<see cref="GradingScale"/>).</summary>
    public required string Letter { get; set; }
    /// <summary>The teacher who entered it, or the registrar who imported it.</summary>
    public Guid? EnteredById { get; set; }
    public DateTime EnteredAt { get; set; }
    /// <summary>The day the grade was given, in the university's time zone (from the old system for imported grades).</summary>
    public DateOnly GradedOn { get; set; }
    /// <summary>Set when the grade came in a CSV import (or the demo seed) rather than from its teacher.</summary>
    public Guid? ImportId { get; set; }
    /// <summary>The grade.entered entry of the integrity ledger; null for imported grades (the import has one entry).</summary>
    public long? LedgerIndex { get; set; }
    /// <summary>Optimistic concurrency: a change approved against an older score is refused.</summary>
    public int Revision { get; set; }
}

internal sealed class GradeConfiguration : IEntityTypeConfiguration<Grade>
{
    public void Configure(EntityTypeBuilder<Grade> b)
    {
        b.HasIndex(g => g.EnrolmentId).IsUnique();
        b.HasIndex(g => g.TenantId);
        b.Property(g => g.Letter).HasMaxLength(2);
        b.Property(g => g.Revision).IsConcurrencyToken();
    }
}
