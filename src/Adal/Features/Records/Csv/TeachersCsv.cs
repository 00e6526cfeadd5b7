using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records.Csv;

/// <summary>
/// teachers.csv: accounts with the teacher role (they sign in through the university's single sign-on; no
/// password is set here). Granting the role is a role.granted ledger entry, as every grant is: who may grade
/// is part of the record.
/// </summary>
internal sealed class TeachersCsv(LedgerRecorder ledger) : IRecordCsv
{
    public string Kind => "teachers";

    public IReadOnlyList<string> Columns { get; } = ["email", "full_name"];

    public async Task<int> ImportAsync(ImportRun run, IReadOnlyList<CsvRow> rows, CancellationToken ct)
    {
        var emails = rows.Select(r => run.Text(r, 0).ToLowerInvariant()).ToList();
        // E-mail addresses are unique across the installation, so this one lookup looks past the university.
        var known = await run.Db.Users.IgnoreQueryFilters().Include(u => u.Roles).Where(u => emails.Contains(u.Email)).ToDictionaryAsync(u => u.Email, ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var email = run.Email(row, 0);
            var name = run.Required(row, 1, 200);
            if (email is null || name is null || !run.Unique(seen, email, row, 0)) continue;
            var user = known.GetValueOrDefault(email);
            if (user is not null && user.TenantId != run.TenantId) { run.Error(row, 0, "Records.Csv.EmailTaken", email); continue; }
            if (!run.Writes) continue;
            if (user is null)
            {
                user = new User { Id = Guid.CreateVersion7(), TenantId = run.TenantId, Email = email, FullName = name, CreatedAt = run.Now, PreferredLanguage = "kk" };
                run.Db.Users.Add(user);
            }
            user.FullName = name;
            if (user.Roles.All(r => r.Role != Role.Teacher))
            {
                user.Roles.Add(new UserRole { UserId = user.Id, Role = Role.Teacher, TenantId = run.TenantId });
                ledger.Record(new LedgerDraft(LedgerEventTypes.RoleGranted, run.Now).Text("role", Role.Teacher)
                    .Text("granted_by", "import").Committed("actor", run.Actor.UserId.ToString()).Committed("user", user.Id.ToString()));
            }
        }
        return rows.Count;
    }

    public async Task<List<string[]>> ExportAsync(AdalDb db, CancellationToken ct) =>
        (await db.UsersInRole(Role.Teacher).AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct))
        .Select(u => new[] { u.Email, u.FullName }).ToList();
}
