using Adal.Features.University;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Catalog;

public static class ApplicantProfiles
{
    /// <summary>What eligibility rules need to know about a person: their roles and their standing as a student.</summary>
    public static async Task<ApplicantProfile> LoadAsync(AdalDb db, Guid userId, CancellationToken ct)
    {
        var roles = new HashSet<string>();
        await foreach (var role in RolesOf.For(db)(db, userId).WithCancellation(ct)) roles.Add(role);
        var student = await StandingOf.For(db)(db, userId);
        return new ApplicantProfile(roles, student?.Status, student?.Year ?? 0, student?.Years ?? 0, student?.Level, student?.IsForeign ?? false);
    }

    // Compiled once: every filing and every decision that moves a request on reads a profile.
    private static readonly CompiledPerEngine<Func<AdalDb, Guid, IAsyncEnumerable<string>>> RolesOf = new(() =>
        EF.CompileAsyncQuery((AdalDb db, Guid userId) => db.UserRoles.Where(r => r.UserId == userId).Select(r => r.Role)));

    private static readonly CompiledPerEngine<Func<AdalDb, Guid, Task<Standing?>>> StandingOf = new(() =>
        EF.CompileAsyncQuery((AdalDb db, Guid userId) => db.Students.Where(s => s.UserId == userId)
            .Select(s => new Standing(s.Status, s.Year, s.IsForeign, (int?)s.Programme!.DurationYears, s.Programme!.Level))
            .FirstOrDefault()));

    private sealed record Standing(StudentStatus Status, int Year, bool IsForeign, int? Years, string? Level);
}
