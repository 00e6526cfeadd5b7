using Adal.Features.Assignment;
using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Features.University;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Seeding;

/// <summary>
/// The demo university (slug "demo"): five faculties, eleven programmes, ~200 students with valid IINs,
/// officers, approvers, teachers, the accounts the README lists, and the academic record (<see cref="DemoRecord"/>). Seeded once, in Development only.
/// Deterministic (fixed seed), so every demo and test sees the same university.
/// </summary>
public static class DemoUniversity
{
    public const string Slug = "demo";

    public sealed record DemoAccount(string Email, string FullName, string[] Roles);

    public static readonly DemoAccount[] Accounts =
    [
        new("student@demo.local", "Нұрланова Әйгерім Серікқызы", [Role.Student]),
        new("officer@demo.local", "Жұмабаев Ерлан Қайратұлы", [Role.Officer]),
        new("officer2@demo.local", "Ибраимова Сәуле Болатқызы", [Role.Officer]),
        new("officer3@demo.local", "Петренко Ольга Викторовна", [Role.Officer]),
        new("approver@demo.local", "Омарова Гүлнар Бақытжанқызы", [Role.Approver]),
        new("approver2@demo.local", "Тоқтаров Асқар Мұратұлы", [Role.Approver]),
        new("registrar@demo.local", "Мұхамедиярова Жанар Төлеуқызы", [Role.Registrar]),
        new("registrar2@demo.local", "Ли Виктория Сергеевна", [Role.Registrar]),
        new("teacher@demo.local", "Сапарова Мәдина Ғалымқызы", [Role.Teacher]),
        new("teacher2@demo.local", "Ким Андрей Вячеславович", [Role.Teacher]),
        new("commissioner@demo.local", "Сейітов Нұрлан Маратұлы", [Role.Commissioner]),
        new("auditor@demo.local", "Ахметова Динара Есенқызы", [Role.Auditor]),
        new("admin@demo.local", "Касымов Тимур Ринатович", [Role.Admin]),
        new("applicant@demo.local", "Бекболатов Дәурен Ержанұлы", [Role.Applicant]),
    ];

    private static readonly (string Code, string Kk, string Ru, string En)[] Faculties =
    [
        // Bare names: document templates add the word itself ("{faculty} факультеті", "факультет «{faculty}»").
        ("FIT", "Ақпараттық технологиялар", "Информационные технологии", "Information Technology"),
        ("FEB", "Экономика және бизнес", "Экономика и бизнес", "Economics and Business"),
        ("FPJ", "Филология және журналистика", "Филология и журналистика", "Philology and Journalism"),
        ("FNS", "Жаратылыстану ғылымдары", "Естественные науки", "Natural Sciences"),
        ("FLW", "Құқық", "Право", "Law"),
    ];

    private static readonly (string Faculty, string Code, string Kk, string Ru, string En, string Level, int Years)[] Programmes =
    [
        ("FIT", "6B06101", "Ақпараттық жүйелер", "Информационные системы", "Information Systems", "bachelor", 4),
        ("FIT", "6B06102", "Бағдарламалық инженерия", "Программная инженерия", "Software Engineering", "bachelor", 4),
        ("FIT", "7M06101", "Ақпараттық жүйелер", "Информационные системы", "Information Systems", "master", 2),
        ("FEB", "6B04101", "Экономика", "Экономика", "Economics", "bachelor", 4),
        ("FEB", "6B04102", "Менеджмент", "Менеджмент", "Management", "bachelor", 4),
        ("FEB", "8D04101", "Экономика", "Экономика", "Economics", "doctoral", 3),
        ("FPJ", "6B02301", "Филология: қазақ тілі", "Филология: казахский язык", "Philology: Kazakh Language", "bachelor", 4),
        ("FPJ", "6B03201", "Журналистика", "Журналистика", "Journalism", "bachelor", 4),
        ("FNS", "6B05101", "Биология", "Биология", "Biology", "bachelor", 4),
        ("FNS", "6B05301", "Химия", "Химия", "Chemistry", "bachelor", 4),
        ("FLW", "6B04201", "Құқықтану", "Юриспруденция", "Law", "bachelor", 4),
    ];

    private static readonly string[] MaleNames = ["Ерлан", "Нұрсұлтан", "Әлихан", "Дәулет", "Ержан", "Бауыржан", "Арман", "Санжар", "Темірлан", "Айбек", "Нұрлыбек", "Ілияс", "Мағжан", "Алексей", "Дмитрий", "Руслан"];
    private static readonly string[] FemaleNames = ["Әйгерім", "Аружан", "Гүлназ", "Мөлдір", "Жансая", "Ақбота", "Дана", "Інкәр", "Томирис", "Салтанат", "Айгүл", "Мадина", "Екатерина", "Анастасия", "Камила", "Үміт"];
    private static readonly string[] Surnames = ["Серікбаев", "Жақсылықов", "Оспанов", "Әбдіқадыров", "Нұрғалиев", "Қасымов", "Төлегенов", "Мұқанов", "Бекмұратов", "Сәрсенов", "Өтегенов", "Құдайбергенов"];
    private static readonly string[] RussianSurnames = ["Иванов", "Ким", "Петров", "Цой", "Смирнов", "Ли"];
    private static readonly string[] Patronymic = ["Серік", "Болат", "Қайрат", "Мұрат", "Ғалым", "Асқар", "Ерболат", "Нұрлан"];

    public static async Task<bool> SeedAsync(IServiceProvider scope, CancellationToken ct)
    {
        var db = scope.GetRequiredService<AdalDb>();
        var clock = scope.GetRequiredService<TimeProvider>();
        if (await db.Tenants.AnyAsync(t => t.Slug == Slug, ct)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var random = new Random(2026);
        var tenant = new Tenant
        {
            Id = Guid.CreateVersion7(), Slug = Slug, CreatedAt = now,
            NameKk = "Adal демо университеті", NameRu = "Демо-университет Adal", NameEn = "Adal Demo University",
        };
        db.Tenants.Add(tenant);
        scope.GetRequiredService<TenantContext>().Enter(tenant.Id, tenant.Slug);
        var faculties = Faculties.ToDictionary(f => f.Code, f => new Faculty { Id = Guid.CreateVersion7(), TenantId = tenant.Id, Code = f.Code, NameKk = f.Kk, NameRu = f.Ru, NameEn = f.En });
        db.Faculties.AddRange(faculties.Values);
        var programmes = Programmes.Select(p => new Programme
        {
            Id = Guid.CreateVersion7(), TenantId = tenant.Id, FacultyId = faculties[p.Faculty].Id, Code = p.Code,
            NameKk = p.Kk, NameRu = p.Ru, NameEn = p.En, Level = p.Level, DurationYears = p.Years,
        }).ToList();
        db.Programmes.AddRange(programmes);

        var password = PasswordChecks.Hash(AccountSignIn.DemoPassword);
        var users = new Dictionary<string, User>();
        foreach (var account in Accounts)
        {
            var user = NewUser(tenant.Id, account.Email, account.FullName, account.Roles, now);
            // One hash for all demo accounts: PBKDF2 is slow by design, and they share the password anyway.
            user.PasswordHash = password;
            users[account.Email] = user;
            db.Users.Add(user);
        }
        var demoStudent = users["student@demo.local"];
        db.Students.Add(new Student
        {
            UserId = demoStudent.Id, TenantId = tenant.Id, StudentNumber = DemoRecord.DemoStudentNumber, Iin = MakeIin(new DateOnly(2004, 3, 14), female: true, 1017),
            ProgrammeId = programmes[0].Id, Year = 4, Status = StudentStatus.Enrolled,
        });
        db.Students.Add(new Student
        {
            UserId = users["applicant@demo.local"].Id, TenantId = tenant.Id, StudentNumber = "A-2026-0001", Iin = MakeIin(new DateOnly(2008, 6, 2), female: false, 2231),
            Status = StudentStatus.Applicant,
        });

        for (var i = 2; i <= 200; i++)
        {
            var female = random.Next(2) == 0;
            var name = PersonName(random, female);
            var programme = programmes[random.Next(programmes.Count)];
            var status = i switch { <= 170 => StudentStatus.Enrolled, <= 178 => StudentStatus.OnLeave, <= 184 => StudentStatus.Withdrawn, <= 192 => StudentStatus.Graduated, _ => StudentStatus.Applicant };
            var foreign = i % 19 == 0;
            var user = NewUser(tenant.Id, $"s{i:0000}@demo.local", name, [status == StudentStatus.Applicant ? Role.Applicant : Role.Student], now);
            db.Users.Add(user);
            var year = status == StudentStatus.Applicant ? 0 : 1 + random.Next(programme.DurationYears);
            if (status == StudentStatus.Graduated) year = programme.DurationYears;
            // The number starts with the year of admission: autumn 2026 is the current semester, graduates finished in spring 2026.
            var admitted = status == StudentStatus.Graduated ? 2026 - year : 2027 - Math.Max(year, 1);
            var born = new DateOnly(2007 - Math.Max(year, 1), 1 + random.Next(12), 1 + random.Next(28));
            db.Students.Add(new Student
            {
                UserId = user.Id, TenantId = tenant.Id, StudentNumber = $"{admitted}-{programme.Code}-{i:0000}",
                Iin = foreign ? null : MakeIin(born, female, random.Next(10000)),
                ProgrammeId = status == StudentStatus.Applicant ? null : programme.Id, Year = year, Status = status, IsForeign = foreign,
            });
            // A declared conflict: officer2 is a relative of this student and will never be given their cases.
            if (i == 7)
                db.Conflicts.Add(new ConflictOfInterestDeclaration
                {
                    Id = Guid.CreateVersion7(), TenantId = tenant.Id, StaffUserId = users["officer2@demo.local"].Id, PersonUserId = user.Id,
                    Reason = "Жақын туысы / Близкий родственник", DeclaredAt = now,
                });
        }
        var ledger = scope.GetRequiredService<LedgerRecorder>();
        DemoRecord.Add(db, tenant.Id, now, ledger);
        // Every role grant is a ledger event: who may decide what is part of the record.
        foreach (var role in db.ChangeTracker.Entries<UserRole>().Select(e => e.Entity))
            ledger.Record(new LedgerDraft(LedgerEventTypes.RoleGranted, now).Text("role", role.Role).Text("granted_by", "system").Committed("user", role.UserId.ToString()));
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static User NewUser(Guid tenantId, string email, string fullName, string[] roles, DateTime now)
    {
        var id = Guid.CreateVersion7();
        return new User
        {
            Id = id, TenantId = tenantId, Email = email, FullName = fullName, CreatedAt = now, PreferredLanguage = "kk",
            Roles = roles.Select(r => new UserRole { UserId = id, Role = r, TenantId = tenantId }).ToList(),
        };
    }

    private static string PersonName(Random random, bool female)
    {
        if (random.Next(6) == 0)
        {
            var surname = RussianSurnames[random.Next(RussianSurnames.Length)];
            return female ? $"{surname}{(surname.EndsWith("ов") ? "а" : "")} {FemaleNames[12 + random.Next(2)]}" : $"{surname} {MaleNames[13 + random.Next(3)]}";
        }
        var family = Surnames[random.Next(Surnames.Length)];
        var father = Patronymic[random.Next(Patronymic.Length)];
        return female
            ? $"{family}а {FemaleNames[random.Next(12)]} {father}қызы"
            : $"{family} {MaleNames[random.Next(13)]} {father}ұлы";
    }

    /// <summary>A valid IIN: yymmdd, century-and-sex digit (5/6 for 2000s), a serial, and the check digit.</summary>
    public static string MakeIin(DateOnly born, bool female, int serial)
    {
        var century = born.Year >= 2000 ? (female ? 6 : 5) : (female ? 4 : 3);
        for (var s = serial; ; s = (s + 1) % 10000)
        {
            var first11 = $"{born:yyMMdd}{century}{s:0000}";
            if (Iin.CheckDigit(first11) is { } check) return first11 + check;
        }
    }
}
