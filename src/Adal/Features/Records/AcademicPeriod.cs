using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Records;

/// <summary>Where a date stands against a period's grading window.</summary>
public enum GradingWindowState { NotYetOpen, Open, Closed }

/// <summary>
/// A semester (or summer term) of the academic year, with its grading window: the days, in the university's
/// time zone, on which a course's teacher enters and corrects final grades alone. Outside the window a grade
/// changes only with a reason and a second person's approval.
/// </summary>
public sealed class AcademicPeriod
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    /// <summary>Stable and short, e.g. 2025-2026-1 (autumn), 2025-2026-2 (spring), 2025-2026-3 (summer).</summary>
    public required string Code { get; set; }
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
    public required string NameEn { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public DateOnly GradingOpensOn { get; set; }
    /// <summary>The last day of the window, inclusive.</summary>
    public DateOnly GradingClosesOn { get; set; }

    public string Name(string language) => language switch { "kk" => NameKk, "ru" => NameRu, _ => NameEn };

    public GradingWindowState Window(DateOnly today) =>
        today < GradingOpensOn ? GradingWindowState.NotYetOpen
        : today > GradingClosesOn ? GradingWindowState.Closed
        : GradingWindowState.Open;
}

internal sealed class AcademicPeriodConfiguration : IEntityTypeConfiguration<AcademicPeriod>
{
    public void Configure(EntityTypeBuilder<AcademicPeriod> b)
    {
        b.HasIndex(p => new { p.TenantId, p.Code }).IsUnique();
        b.Property(p => p.Code).HasMaxLength(32);
        b.Property(p => p.NameKk).HasMaxLength(200);
        b.Property(p => p.NameRu).HasMaxLength(200);
        b.Property(p => p.NameEn).HasMaxLength(200);
    }
}
