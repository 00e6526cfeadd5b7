using Adal.Platform;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Assignment;

/// <summary>
/// Who handles a case is decided here and nowhere else: at random among the staff holding the step's role,
/// weighted toward the least loaded, never the applicant, never someone with a declared conflict of interest
/// with the applicant, never a person excluded by the caller (the first signer of a four-eyes step).
/// Nobody can pick the officer, so nobody can arrange a friendly one.
/// </summary>
public sealed class OfficerAssignment(AdalDb db, IRandomSource random, OfficerLoads loads, TenantContext tenant)
{
    public async Task<Guid?> ChooseAsync(string role, Guid applicantId, IReadOnlyCollection<Guid> exclude, CancellationToken ct)
    {
        var candidates = new List<Guid>();
        await foreach (var id in Candidates.For(db)(db, role, applicantId).WithCancellation(ct))
            if (!exclude.Contains(id)) candidates.Add(id);
        if (candidates.Count == 0) return null;
        var open = await loads.CurrentAsync(db, tenant.Required, role, ct);
        var chosen = Pick(candidates, id => open.GetValueOrDefault(id), random);
        loads.Assigned(tenant.Required, role, chosen);
        return chosen;
    }

    // Compiled once: every filing of a reviewed service and every step it moves through chooses an officer. The role's
    // holders are found from the role index (IN), as in AdalDb.UsersInRole: a correlated "does this user hold the role?"
    // made SQLite ask it of all fifty thousand users for every filing (28 ms of CPU per submission in the full benchmark).
    private static readonly CompiledPerEngine<Func<AdalDb, string, Guid, IAsyncEnumerable<Guid>>> Candidates = new(() =>
        EF.CompileAsyncQuery((AdalDb db, string role, Guid applicantId) => db.Users
            .Where(u => db.UserRoles.Where(r => r.Role == role).Select(r => r.UserId).Contains(u.Id))
            .Where(u => u.IsActive && u.Id != applicantId)
            .Where(u => !db.Conflicts.Where(c => c.PersonUserId == applicantId).Select(c => c.StaffUserId).Contains(u.Id))
            .Select(u => u.Id)));

    /// <summary>Weight 1/(1+open cases)²: an idle officer is far likelier than a busy one, but no one is ever certain.</summary>
    internal static Guid Pick(IReadOnlyList<Guid> candidates, Func<Guid, int> openCases, IRandomSource random)
    {
        var ordered = candidates.Order().ToArray();
        var weights = ordered.Select(id => 1.0 / Math.Pow(1 + openCases(id), 2)).ToArray();
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < ordered.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0) return ordered[i];
        }
        return ordered[^1];
    }
}
