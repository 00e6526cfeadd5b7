using System.Data.Common;
using Adal.Features.Ledger;
using Adal.Features.Seeding;
using Adal.Features.University;
using Adal.Ledger;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Bench.Load;

/// <summary>
/// The people of a big university: N students (one in 25 on leave, one in 19 foreign) and the service centre's
/// staff in proportion — an officer per 1,000 students, an approver per 2,500, a registrar per 5,000. Each role
/// grant is a ledger event, as in the demo seed. The demo's own accounts get the load password too, so every
/// officer the system may assign a case to can sign in under Production.
/// </summary>
internal sealed class UniversityPeople(AdalDb db, DbConnection connection, Guid tenantId, DateTime now, string passwordHash)
{
    private const int Chunk = 10_000;
    private static readonly string[] Given = ["Әйгерім", "Ерлан", "Аружан", "Нұрсұлтан", "Мөлдір", "Дәулет", "Жансая", "Арман", "Томирис", "Санжар", "Екатерина", "Дмитрий"];
    private static readonly string[] Family = ["Серікбаев", "Оспанов", "Нұрғалиев", "Қасымов", "Төлегенов", "Мұқанов", "Сәрсенов", "Ким", "Иванов", "Цой"];
    private readonly Random _random = new(50_000);
    private readonly ModelTableWriter<User> _users = new(db, connection);
    private readonly ModelTableWriter<UserRole> _roles = new(db, connection);
    private readonly ModelTableWriter<Student> _students = new(db, connection);

    public List<Person> Students { get; } = [];
    public long RowsWritten => _users.Written + _roles.Written + _students.Written;

    public async Task<LoadAccounts> SeedAsync(int studentCount, LedgerSeeder ledger)
    {
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Code).ToListAsync();
        var staff = new Dictionary<string, List<string>>();
        var staffCounts = new (string Role, int Count)[]
        {
            (Role.Officer, Math.Max(4, studentCount / 1_000)), (Role.Approver, Math.Max(3, studentCount / 2_500)),
            (Role.Registrar, Math.Max(2, studentCount / 5_000)), (Role.Commissioner, Math.Max(1, studentCount / 20_000)),
        };
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var users = new List<User>();
            foreach (var (role, count) in staffCounts)
            {
                staff[role] = [];
                for (var i = 1; i <= count; i++)
                {
                    var email = $"{role}{i:000}@load.demo.local";
                    staff[role].Add(email);
                    users.Add(NewUser(email, role));
                }
            }
            Write(users, [], transaction, ledger);
            await transaction.CommitAsync();
        }

        var enrolled = new List<string>(studentCount);
        for (var done = 0; done < studentCount; done += Chunk)
        {
            var users = new List<User>();
            var students = new List<Student>();
            for (var i = done + 1; i <= Math.Min(studentCount, done + Chunk); i++)
            {
                var user = NewUser($"student{i:000000}@load.demo.local", Role.Student);
                var programme = programmes[_random.Next(programmes.Count)];
                var year = 1 + _random.Next(programme.DurationYears);
                var status = i % 25 == 0 ? StudentStatus.OnLeave : StudentStatus.Enrolled;
                var female = _random.Next(2) == 0;
                users.Add(user);
                students.Add(new Student
                {
                    UserId = user.Id, TenantId = tenantId, StudentNumber = $"{2026 - year}-{programme.Code}-L{i:000000}",
                    Iin = i % 19 == 0 ? null : DemoUniversity.MakeIin(new DateOnly(2006 - year, 1 + _random.Next(12), 1 + _random.Next(28)), female, _random.Next(10_000)),
                    ProgrammeId = programme.Id, Year = year, Status = status, IsForeign = i % 19 == 0,
                });
                Students.Add(new Person(user.Id, user.FullName));
                if (status == StudentStatus.Enrolled) enrolled.Add(user.Email);
            }
            await using var transaction = await connection.BeginTransactionAsync();
            Write(users, students, transaction, ledger);
            await transaction.CommitAsync();
        }

        await db.Users.Where(u => u.Email.EndsWith("@demo.local")).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, passwordHash));
        var demoStaff = await db.Users.Where(u => u.Email.EndsWith("@demo.local")).SelectMany(u => u.Roles, (u, r) => new { u.Email, r.Role }).ToListAsync();
        foreach (var grant in demoStaff.Where(g => staff.ContainsKey(g.Role)))
            staff[grant.Role].Add(grant.Email);
        return new LoadAccounts(enrolled, staff.ToDictionary(s => s.Key, s => s.Value.ToArray()));
    }

    private void Write(List<User> users, List<Student> students, DbTransaction transaction, LedgerSeeder ledger)
    {
        var roles = users.SelectMany(u => u.Roles).ToList();
        _users.Write(users, transaction);
        _roles.Write(roles, transaction);
        _students.Write(students, transaction);
        foreach (var role in roles)
            ledger.Add(new LedgerDraft(LedgerEventTypes.RoleGranted, now).Text("role", role.Role).Text("granted_by", "system").Committed("user", role.UserId.ToString()));
        ledger.Flush(transaction);
    }

    private User NewUser(string email, string role)
    {
        var id = Guid.CreateVersion7();
        return new User
        {
            Id = id, TenantId = tenantId, Email = email, PasswordHash = passwordHash, CreatedAt = now,
            FullName = $"{Family[_random.Next(Family.Length)]} {Given[_random.Next(Given.Length)]}",
            PreferredLanguage = _random.Next(3) switch { 0 => "ru", 1 => "en", _ => "kk" },
            Roles = [new UserRole { UserId = id, Role = role, TenantId = tenantId }],
        };
    }
}
