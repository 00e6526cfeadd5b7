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
        Standing? student = null;
        await foreach (var row in ProfileOf.For(db)(db, userId).WithCancellation(ct))
        {
            if (row.Role is not null) roles.Add(row.Role);
            student ??= row.Student;
        }
        return new ApplicantProfile(roles, student?.Status, student?.Year ?? 0, student?.Years ?? 0, student?.Level, student?.IsForeign ?? false);
    }

    // Compiled once: every filing and every decision that moves a request on reads a profile. One query: a row per role
    // of the person (one row with no role if they have none), their standing as a student (null for staff) beside it.
    private static readonly CompiledPerEngine<Func<AdalDb, Guid, IAsyncEnumerable<RoleRow>>> ProfileOf = new(() =>
        EF.CompileAsyncQuery((AdalDb db, Guid userId) =>
            from user in db.Users
            where user.Id == userId
            from role in db.UserRoles.Where(r => r.UserId == user.Id).DefaultIfEmpty()
            from student in db.Students.Where(s => s.UserId == user.Id).DefaultIfEmpty()
            select new RoleRow(role == null ? null : role.Role, student == null ? null
                : new Standing(student.Status, student.Year, student.IsForeign, (int?)student.Programme!.DurationYears, student.Programme!.Level))));

    private sealed record RoleRow(string? Role, Standing? Student);

    private sealed record Standing(StudentStatus Status, int Year, bool IsForeign, int? Years, string? Level);
}
