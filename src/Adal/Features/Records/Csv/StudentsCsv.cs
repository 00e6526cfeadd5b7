using Adal.Features.University;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records.Csv;

/// <summary>
/// students.csv: a student's account and standing. The IIN is checked with its check digit; a foreign student
/// may have none. A known student number is updated; a new one gets an account (single sign-on, no password).
/// </summary>
internal sealed class StudentsCsv : IRecordCsv
{
    public static readonly IReadOnlyDictionary<string, StudentStatus> Statuses = new Dictionary<string, StudentStatus>
    {
        ["enrolled"] = StudentStatus.Enrolled, ["on-leave"] = StudentStatus.OnLeave, ["withdrawn"] = StudentStatus.Withdrawn,
        ["graduated"] = StudentStatus.Graduated, ["applicant"] = StudentStatus.Applicant,
    };

    public static string StatusName(StudentStatus status) => Statuses.First(s => s.Value == status).Key;

    public string Kind => "students";

    public IReadOnlyList<string> Columns { get; } = ["student_number", "iin", "full_name", "email", "programme_code", "year", "status", "foreign"];

    public async Task<int> ImportAsync(ImportRun run, IReadOnlyList<CsvRow> rows, CancellationToken ct)
    {
        var db = run.Db;
        var programmes = await db.Programmes.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        var students = await db.Students.ToDictionaryAsync(s => s.StudentNumber, ct);
        var iins = students.Values.Where(s => s.Iin is not null).ToDictionary(s => s.Iin!, s => s.StudentNumber);
        var emails = rows.Select(r => run.Text(r, 3).ToLowerInvariant()).ToList();
        var users = await db.Users.IgnoreQueryFilters().Include(u => u.Roles).Where(u => emails.Contains(u.Email)).ToDictionaryAsync(u => u.Email, ct);
        var studentUsers = await db.Users.Where(u => students.Values.Select(s => s.UserId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var (seenNumbers, seenIins, seenEmails) = (new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
        // New accounts go in as bulk rows (thousands at the start of a semester); known students are updated in place.
        var (newUsers, newRoles, newStudents) = (new List<User>(), new List<UserRole>(), new List<Student>());
        foreach (var row in rows)
        {
            var number = run.Code(row, 0);
            if (number is not null) run.Unique(seenNumbers, number, row, 0);
            var foreign = run.YesNo(row, 7);
            var iin = run.Text(row, 1);
            if (iin.Length == 0 && foreign == false) run.Error(row, 1, "Records.Csv.IinRequired");
            else if (iin.Length > 0 && !Iin.IsValid(iin)) { run.Error(row, 1, "Records.Csv.InvalidIin", iin); iin = ""; }
            else if (iin.Length > 0 && run.Unique(seenIins, iin, row, 1) && iins.TryGetValue(iin, out var holder) && holder != number)
                run.Error(row, 1, "Records.Csv.IinTaken", holder);
            var name = run.Required(row, 2, 200);
            var email = run.Email(row, 3);
            if (email is not null) run.Unique(seenEmails, email, row, 3);
            var status = run.Choice(row, 6, [.. Statuses.Keys]);
            var programmeCode = run.Text(row, 4);
            Guid? programme = null;
            if (programmeCode.Length > 0)
            {
                if (programmes.TryGetValue(programmeCode, out var id)) programme = id;
                else run.Error(row, 4, "Records.Csv.UnknownProgramme", programmeCode);
            }
            else if (status is not null and not "applicant") run.Error(row, 4, "Records.Csv.Required");
            var year = run.Whole(row, 5, status == "applicant" ? 0 : 1, 7);
            if (number is null || name is null || email is null || status is null || year is null || foreign is null) continue;

            var student = students.GetValueOrDefault(number);
            var owner = users.GetValueOrDefault(email);
            if (owner is not null && owner.Id != student?.UserId) { run.Error(row, 3, "Records.Csv.EmailTaken", email); continue; }
            if (!run.Writes) continue;
            var role = status == "applicant" ? Role.Applicant : Role.Student;
            if (student is null)
            {
                var user = new User { Id = Guid.CreateVersion7(), TenantId = run.TenantId, Email = email, FullName = name, CreatedAt = run.Now, PreferredLanguage = "kk" };
                newUsers.Add(user);
                newRoles.Add(new UserRole { UserId = user.Id, Role = role, TenantId = run.TenantId });
                student = new Student { UserId = user.Id, TenantId = run.TenantId, StudentNumber = number };
                newStudents.Add(student);
                students[number] = student;
            }
            else if (studentUsers.TryGetValue(student.UserId, out var user))
            {
                (user.Email, user.FullName) = (email, name);
            }
            (student.Iin, student.ProgrammeId, student.Year, student.Status, student.IsForeign) =
                (iin.Length > 0 ? iin : null, programme, year.Value, Statuses[status], foreign.Value);
        }
        if (run.Writes)
        {
            BulkRows.Add(db, newUsers);
            BulkRows.Add(db, newRoles);
            BulkRows.Add(db, newStudents);
        }
        return rows.Count;
    }

    public async Task<List<string[]>> ExportAsync(AdalDb db, CancellationToken ct) =>
        (await db.Students.AsNoTracking().OrderBy(s => s.StudentNumber)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s, u.FullName, u.Email, Programme = s.Programme!.Code })
            .ToListAsync(ct))
        .Select(r => new[]
        {
            r.s.StudentNumber, r.s.Iin ?? "", r.FullName, r.Email, r.Programme ?? "", ProgrammesCsv.Whole(r.s.Year), StatusName(r.s.Status), r.s.IsForeign ? "yes" : "no",
        }).ToList();
}
