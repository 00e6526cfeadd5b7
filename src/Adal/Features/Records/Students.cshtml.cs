using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records;

public sealed record StudentRow(Guid Id, string StudentNumber, string FullName, string? Programme, string Status);

/// <summary>Record staff find a student by number, name or IIN and open their record.</summary>
[Authorize(Roles = $"{Role.Registrar},{Role.Approver},{Role.Admin},{Role.Auditor}")]
public sealed class StudentsModel(AdalDb db) : PageModel
{
    public string? Query { get; private set; }
    public List<StudentRow> Found { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Query = q?.Trim();
        if (string.IsNullOrEmpty(Query)) return;
        var term = Query.ToLower();
        Found = await db.Students.AsNoTracking()
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s, u.FullName })
            .Where(x => x.s.StudentNumber.ToLower().Contains(term) || x.FullName.ToLower().Contains(term) || x.s.Iin == Query)
            .OrderBy(x => x.s.StudentNumber).Take(50)
            .Select(x => new StudentRow(x.s.UserId, x.s.StudentNumber, x.FullName, x.s.Programme!.Code, x.s.Status.ToString()))
            .ToListAsync(ct);
    }
}
