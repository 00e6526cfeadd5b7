using System.Security.Cryptography;
using System.Text;
using Adal.Features.Ledger;
using Adal.Features.Records;
using Adal.Features.Records.Csv;
using Adal.Features.University;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;

namespace Adal.Features.Seeding;

/// <summary>
/// The demo university's academic record: semesters from autumn 2022 to autumn 2026 (with summer terms),
/// its curricula, teachers, course offerings, every student's enrolments and the grades of each completed
/// semester, with resits after FX, repeats after F and a few repeats to improve a grade. Deterministic
/// (its own fixed seed), added to the same unit of work as the rest of the demo.
/// The historical grades come in the way a real university's would, as one import: one records.imported
/// ledger entry with the SHA-256 of the grades file (kept in RecordImports), not thousands of grade.entered
/// entries. Grades entered from now on, in the gradebook, are one ledger entry each.
/// </summary>
internal static class DemoRecord
{
    /// <summary>The semester under way on the demo's "today" (autumn 2026): its grading window is open, it has no grades yet.</summary>
    public const string CurrentPeriod = "2026-2027-1";

    public static void Add(AdalDb db, Guid tenantId, DateTime now, LedgerRecorder ledger)
    {
        var random = new Random(2027);
        var faculties = db.ChangeTracker.Entries<Faculty>().ToDictionary(e => e.Entity.Id, e => e.Entity.Code);
        var programmes = db.ChangeTracker.Entries<Programme>().Select(e => e.Entity).ToList();
        var users = db.ChangeTracker.Entries<User>().ToDictionary(e => e.Entity.Email, e => e.Entity);

        var periods = Periods(tenantId).ToDictionary(p => p.Code);
        db.AcademicPeriods.AddRange(periods.Values);
        var bachelors = programmes.Where(p => p.Level == "bachelor").Select(p => (p.Code, faculties[p.FacultyId]));
        var curriculum = DemoCurriculum.Courses.Concat(DemoCurriculum.Finals(bachelors)).ToList();
        var byCode = programmes.ToDictionary(p => p.Code, p => p.Id);
        var courses = curriculum.ToDictionary(c => c.Code, c => new Course
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, Code = c.Code, NameKk = c.Kk, NameRu = c.Ru, NameEn = c.En, Credits = c.Credits,
            Component = c.Component, ProgrammeId = c.Programme is null ? null : byCode[c.Programme],
        });
        db.Courses.AddRange(courses.Values);

        var plans = programmes.ToDictionary(p => p.Id, p => DemoCurriculum.Plan(p.Code, faculties[p.FacultyId]));
        foreach (var programme in programmes)
        {
            var credits = plans[programme.Id].SelectMany(s => s).Select(c => courses[c]).GroupBy(c => c.Component).ToDictionary(g => g.Key, g => g.Sum(c => c.Credits));
            db.ProgrammeCredits.Add(new ProgrammeCredits
            {
                ProgrammeId = programme.Id, TenantId = tenantId, General = credits.GetValueOrDefault(CourseComponent.General),
                Basic = credits.GetValueOrDefault(CourseComponent.Basic), Major = credits.GetValueOrDefault(CourseComponent.Major), Final = credits.GetValueOrDefault(CourseComponent.Final),
            });
        }

        var teachers = Teachers(db, tenantId, now, users);
        var pools = curriculum.GroupBy(c => c.Pool).ToDictionary(g => g.Key, g => g.Select(c => c.Code).ToList());
        var offerings = new Dictionary<(string Course, string Period), CourseOffering>();
        CourseOffering Offering(string course, string period)
        {
            if (offerings.TryGetValue((course, period), out var offering)) return offering;
            var pool = curriculum.First(c => c.Code == course).Pool;
            var staff = teachers[pool];
            offering = new CourseOffering
            {
                Id = Guid.CreateVersion7(), TenantId = tenantId, CourseId = courses[course].Id, PeriodId = periods[period].Id,
                TeacherId = staff[pools[pool].IndexOf(course) % staff.Count].Id,
            };
            offerings[(course, period)] = offering;
            db.CourseOfferings.Add(offering);
            return offering;
        }

        var import = new RecordImport { Id = Guid.CreateVersion7(), TenantId = tenantId, Kind = "grades", Sha256 = "", Content = [], ImportedAt = now };
        var gradeRows = new List<string[]>();
        var (enrolments, grades) = (new List<Enrolment>(), new List<Grade>());
        var colleague = users["teacher2@demo.local"].Id;
        (Enrolment Enrolment, Grade Grade)? disputed = null;
        void Take(Student student, string course, string period, string kind, int? score)
        {
            var enrolment = new Enrolment
            {
                Id = Guid.CreateVersion7(), TenantId = tenantId, OfferingId = Offering(course, period).Id, StudentId = student.UserId, Kind = kind, EnrolledAt = now,
            };
            enrolments.Add(enrolment);
            if (score is not { } s) return;
            var term = periods[period];
            var gradedOn = term.GradingClosesOn.AddDays(-random.Next(0, 21));
            var letter = GradingScale.ForScore(s).Letter;
            var grade = new Grade
            {
                Id = Guid.CreateVersion7(), TenantId = tenantId, EnrolmentId = enrolment.Id, Score = s, Letter = letter, EnteredAt = now,
                GradedOn = gradedOn < term.GradingOpensOn ? term.GradingOpensOn : gradedOn, ImportId = import.Id,
            };
            grades.Add(grade);
            if (disputed is null && period == "2025-2026-2" && s < 90 && Offering(course, period).TeacherId == colleague) disputed = (enrolment, grade);
            gradeRows.Add(GradesCsv.Row(student.StudentNumber, course, period, s, letter, gradedOn < term.GradingOpensOn ? term.GradingOpensOn : gradedOn));
        }

        var students = db.ChangeTracker.Entries<Student>().Select(e => e.Entity).Where(s => s.ProgrammeId is not null && s.Status != StudentStatus.Applicant).ToList();
        foreach (var student in students)
        {
            var programme = programmes.First(p => p.Id == student.ProgrammeId);
            var plan = plans[programme.Id];
            var demo = student.StudentNumber == DemoStudentNumber;
            var ability = demo ? 1.1 : Normal(random) - (student.Status == StudentStatus.Withdrawn ? 1.2 : 0);
            var entry = student.Status == StudentStatus.Graduated ? 2026 - programme.DurationYears : 2027 - Math.Max(student.Year, 1);
            var completed = student.Status == StudentStatus.Graduated ? plan.Length : Math.Min(plan.Length, 2 * student.Year - 2);
            for (var k = 1; k <= completed; k++)
            {
                var year = entry + (k - 1) / 2;
                foreach (var course in plan[k - 1])
                {
                    var score = Math.Clamp((int)Math.Round(75 + 9 * ability + 8 * Normal(random)), 0, 100);
                    // The demo student failed Discrete Mathematics with FX and passed the resit in the summer term.
                    if (demo && course == "ITB1202") score = 44;
                    Take(student, course, Period(year, k % 2 == 1 ? 1 : 2), EnrolmentKind.Regular, score);
                    var summer = Period(year, 3);
                    var letter = GradingScale.ForScore(score).Letter;
                    if (letter == GradingScale.FX) Take(student, course, summer, EnrolmentKind.Resit, demo ? 78 : random.Next(50, 86));
                    else if (letter == GradingScale.F) Take(student, course, summer, EnrolmentKind.Repeat, random.Next(55, 90));
                    else if (letter.StartsWith('D') && random.NextDouble() < 0.3) Take(student, course, summer, EnrolmentKind.Repeat, Math.Min(100, score + random.Next(8, 25)));
                }
            }
            var current = 2 * student.Year - 1;
            if (student.Status == StudentStatus.Enrolled && current <= plan.Length)
                foreach (var course in plan[current - 1]) Take(student, course, CurrentPeriod, EnrolmentKind.Regular, null);
        }

        // Thousands of rows: written in bulk after the tracked ones, in the same transaction.
        BulkRows.Add(db, enrolments);
        BulkRows.Add(db, grades);

        // A change asked for after the window, waiting on the registrar's desk for a second person.
        if (disputed is { } d)
            BulkRows.Add(db, [new GradeChange
            {
                Id = Guid.CreateVersion7(), TenantId = tenantId, EnrolmentId = d.Enrolment.Id, GradeId = d.Grade.Id, OldScore = d.Grade.Score, NewScore = d.Grade.Score + 6,
                Reason = "Апелляция комиссиясы емтихан жұмысын қайта тексергенде есептеу қатесін анықтады (хаттама № 7, 2026 ж. 18 маусым).",
                Status = GradeChangeStatus.Pending, RequestedById = colleague, RequestedAt = now,
            }]);

        // The historical grades as one import: the file is kept, and its hash is the ledger's proof of every row.
        var content = Encoding.UTF8.GetBytes(CsvWriter.Text(new GradesCsv().Columns, gradeRows));
        var sha256 = SHA256.HashData(content);
        (import.Rows, import.Content, import.Sha256) = (gradeRows.Count, content, Convert.ToHexStringLower(sha256));
        db.RecordImports.Add(import);
        GradeLedger.Imported(ledger, now, import, sha256, source: "demo-seed");
    }

    public const string DemoStudentNumber = "2023-FIT-0001";

    private static string Period(int year, int term) => $"{year}-{year + 1}-{term}";

    /// <summary>Autumn 2022 to autumn 2026, each year's summer term for resits and repeats.</summary>
    private static IEnumerable<AcademicPeriod> Periods(Guid tenantId)
    {
        for (var year = 2022; year <= 2026; year++)
        {
            yield return Term(tenantId, year, 1, new(year, 9, 1), new(year + 1, 1, 17), new(year, 11, 16));
            if (year == 2026) yield break;
            yield return Term(tenantId, year, 2, new(year + 1, 2, 2), new(year + 1, 6, 13), new(year + 1, 4, 13));
            yield return Term(tenantId, year, 3, new(year + 1, 6, 22), new(year + 1, 7, 31), new(year + 1, 7, 13));
        }
    }

    // Final grades are entered from the second midterm to the end of the examination session.
    private static AcademicPeriod Term(Guid tenantId, int year, int term, DateOnly starts, DateOnly ends, DateOnly gradingOpens)
    {
        var (kk, ru, en) = term switch
        {
            1 => ("күзгі семестр", "осенний семестр", "autumn semester"),
            2 => ("көктемгі семестр", "весенний семестр", "spring semester"),
            _ => ("жазғы семестр", "летний семестр", "summer term"),
        };
        return new AcademicPeriod
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, Code = Period(year, term),
            NameKk = $"{year}–{year + 1} оқу жылы, {kk}", NameRu = $"{year}–{year + 1} учебный год, {ru}", NameEn = $"{year}–{year + 1}, {en}",
            StartsOn = starts, EndsOn = ends, GradingOpensOn = gradingOpens, GradingClosesOn = ends,
        };
    }

    /// <summary>The teachers of each pool; those without a demo account sign in through single sign-on (no password).</summary>
    private static Dictionary<string, List<User>> Teachers(AdalDb db, Guid tenantId, DateTime now, Dictionary<string, User> users)
    {
        var pools = new Dictionary<string, List<User>>();
        foreach (var (email, name, pool) in DemoCurriculum.Teachers)
        {
            if (!users.TryGetValue(email, out var user))
            {
                var id = Guid.CreateVersion7();
                user = new User
                {
                    Id = id, TenantId = tenantId, Email = email, FullName = name, CreatedAt = now, PreferredLanguage = "kk",
                    Roles = [new UserRole { UserId = id, Role = Role.Teacher, TenantId = tenantId }],
                };
                db.Users.Add(user);
            }
            (pools.TryGetValue(pool, out var list) ? list : pools[pool] = []).Add(user);
        }
        return pools;
    }

    // Box–Muller: a standard normal from two uniform draws.
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
