using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Catalog;

public static class ApplicantProfiles
{
    /// <summary>What eligibility rules need to know about a person, in one query.</summary>
    public static async Task<ApplicantProfile> LoadAsync(AdalDb db, Guid userId, CancellationToken ct)
    {
        var roles = await db.UserRoles.Where(r => r.UserId == userId).Select(r => r.Role).ToListAsync(ct);
        var student = await db.Students.Where(s => s.UserId == userId)
            .Select(s => new { s.Status, s.Year, s.IsForeign, Years = (int?)s.Programme!.DurationYears, Level = s.Programme!.Level })
            .FirstOrDefaultAsync(ct);
        return new ApplicantProfile(roles.ToHashSet(), student?.Status, student?.Year ?? 0, student?.Years ?? 0, student?.Level, student?.IsForeign ?? false);
    }
}
