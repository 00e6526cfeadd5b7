using Adal.Features.University;
using Adal.Platform.Identity;

namespace Adal.Features.Catalog;

/// <summary>What eligibility rules look at: the person's roles and, for students, their standing.</summary>
public sealed record ApplicantProfile(
    IReadOnlySet<string> Roles,
    StudentStatus? Status,
    int Year,
    int ProgrammeYears,
    string? ProgrammeLevel,
    bool IsForeign);

/// <summary>
/// The named rules a definition may list under <c>eligibility</c> (any one suffices) or use as a step's
/// <c>autoDecision</c>. Closed on purpose: a university edits files, not code, and a typo must stop start-up.
/// </summary>
public static class Eligibility
{
    private static readonly Dictionary<string, Func<ApplicantProfile, bool>> Rules = new()
    {
        ["anyone"] = _ => true,
        ["applicant"] = p => p.Roles.Contains(Role.Applicant) || p.Status == StudentStatus.Applicant,
        ["enrolled-student"] = p => p.Status == StudentStatus.Enrolled,
        ["final-year-student"] = p => p.Status == StudentStatus.Enrolled && p.ProgrammeYears > 0 && p.Year >= p.ProgrammeYears,
        ["student-on-leave"] = p => p.Status == StudentStatus.OnLeave,
        ["former-student"] = p => p.Status == StudentStatus.Withdrawn,
        ["graduate"] = p => p.Status == StudentStatus.Graduated,
        ["foreign-student"] = p => p.IsForeign && p.Status is StudentStatus.Enrolled or StudentStatus.Applicant or StudentStatus.OnLeave,
        ["staff"] = p => p.Roles.Overlaps(Role.Staff),
        ["master-or-doctoral-student"] = p => p.Status == StudentStatus.Enrolled && p.ProgrammeLevel is "master" or "doctoral",
    };

    public static IReadOnlyCollection<string> RuleNames => Rules.Keys;

    public static bool IsKnown(string rule) => Rules.ContainsKey(rule);

    public static bool Satisfies(ApplicantProfile profile, string rule) =>
        Rules.TryGetValue(rule, out var check) && check(profile);

    public static bool MayApply(ApplicantProfile profile, ServiceDefinition service) =>
        service.Eligibility.Any(rule => Satisfies(profile, rule));
}
