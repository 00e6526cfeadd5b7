using Adal.Features.Requests;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Admin;

public sealed record OfficerLoad(Guid UserId, string Name, IReadOnlyList<string> Roles, int Open, int Overdue, int Escalated, DateTime? OldestDueAt);

public sealed record QueueSummary(string Role, int Open, int Overdue, int Escalated, int Unassigned, IReadOnlyList<OfficerLoad> Officers);

/// <summary>The load and SLA state of every queue: what the administrator and the rector's office watch.</summary>
public static class QueueState
{
    public static async Task<List<QueueSummary>> LoadAsync(AdalDb db, DateTime now, CancellationToken ct)
    {
        var staff = await db.UsersInRole(Role.Officer, Role.Approver, Role.Registrar, Role.Commissioner).AsNoTracking()
            .Select(u => new { u.Id, u.FullName, Roles = u.Roles.Select(r => r.Role).ToList() }).ToListAsync(ct);
        var open = await db.Requests.AsNoTracking()
            .Where(r => r.State == RequestState.InReview && r.AssigneeId != null)
            .Select(r => new { r.AssigneeId, r.StepDueAt, r.EscalatedAt }).ToListAsync(ct);
        var unassigned = await db.Requests.CountAsync(r => r.State == RequestState.Submitted && r.AssigneeId == null, ct);
        var loads = staff.Select(s =>
        {
            var mine = open.Where(o => o.AssigneeId == s.Id).ToList();
            return new OfficerLoad(s.Id, s.FullName, s.Roles, mine.Count, mine.Count(o => o.StepDueAt < now), mine.Count(o => o.EscalatedAt != null),
                mine.Min(o => o.StepDueAt));
        }).ToList();
        return new[] { Role.Officer, Role.Approver, Role.Registrar, Role.Commissioner }.Select(role =>
        {
            var people = loads.Where(l => l.Roles.Contains(role)).OrderByDescending(l => l.Open).ToList();
            return new QueueSummary(role, people.Sum(p => p.Open), people.Sum(p => p.Overdue), people.Sum(p => p.Escalated),
                role == Role.Officer ? unassigned : 0, people);
        }).ToList();
    }
}
