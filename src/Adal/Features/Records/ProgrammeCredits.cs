using Adal.Features.University;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Records;

/// <summary>
/// A programme's credit structure: the ECTS credits its curriculum requires in each cycle. A bachelor's
/// programme is 240 (e.g. general 56, basic 112, major 60, final attestation 12), a master's 120, a doctorate 180.
/// </summary>
public sealed class ProgrammeCredits
{
    public Guid ProgrammeId { get; set; }
    public Guid TenantId { get; set; }
    public int General { get; set; }
    public int Basic { get; set; }
    public int Major { get; set; }
    public int Final { get; set; }

    public int Total => General + Basic + Major + Final;

    public int For(string component) => component switch
    {
        CourseComponent.General => General,
        CourseComponent.Basic => Basic,
        CourseComponent.Major => Major,
        _ => Final,
    };
}

internal sealed class ProgrammeCreditsConfiguration : IEntityTypeConfiguration<ProgrammeCredits>
{
    public void Configure(EntityTypeBuilder<ProgrammeCredits> b)
    {
        b.HasKey(c => c.ProgrammeId);
        b.HasOne<Programme>().WithOne().HasForeignKey<ProgrammeCredits>(c => c.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(c => c.Total);
    }
}
