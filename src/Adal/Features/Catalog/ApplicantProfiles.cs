using Adal.Features.University;

namespace Adal.Features.Catalog;

public static class ApplicantProfiles
{
    /// <summary>What eligibility rules need to know about a person: their roles and their standing as a student.</summary>
    public static async Task<ApplicantProfile> LoadAsync(PersonReads people, Guid userId, CancellationToken ct) => Of(await people.FindAsync(userId, ct));

    private static ApplicantProfile Of(Person? person) =>
        new(person?.Roles ?? new HashSet<string>(), person?.Student?.Status, person?.Student?.Year ?? 0, person?.Programme?.DurationYears ?? 0,
            person?.Programme?.Level, person?.Student?.IsForeign ?? false);
}
