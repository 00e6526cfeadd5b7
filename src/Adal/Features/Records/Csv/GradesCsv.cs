using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records.Csv;

/// <summary>
/// grades.csv: final grades of past periods, from the system the university used before. Import only adds:
/// a grade already on record is never overwritten (that is a change, with four eyes), and a period whose
/// grading window is open or still to come gets its grades from its teachers, not from a file.
/// </summary>
internal sealed class GradesCsv : IRecordCsv
{
    public string Kind => "grades";

    public IReadOnlyList<string> Columns { get; } = ["student_number", "course_code", "period", "score", "letter", "graded_on"];

    public async Task<int> ImportAsync(ImportRun run, IReadOnlyList<CsvRow> rows, CancellationToken ct)
    {
        var db = run.Db;
        var students = await db.Students.AsNoTracking().ToDictionaryAsync(s => s.StudentNumber, s => s.UserId, ct);
        var courses = await db.Courses.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        var periodList = await db.AcademicPeriods.AsNoTracking().ToListAsync(ct);
        var periods = periodList.ToDictionary(p => p.Code, p => p.Id);
        var periodById = periodList.ToDictionary(p => p.Id);
        var offerings = await db.CourseOfferings.AsNoTracking().ToDictionaryAsync(o => (o.CourseId, o.PeriodId), o => o.Id, ct);
        var enrolments = await db.Enrolments.AsNoTracking()
            .Select(e => new { e.Id, e.OfferingId, e.StudentId, Graded = e.Grade != null })
            .ToDictionaryAsync(e => (e.OfferingId, e.StudentId), e => (e.Id, e.Graded), ct);

        var grades = new List<Grade>(rows.Count);
        var seen = new HashSet<Guid>();
        foreach (var row in rows)
        {
            var number = run.Required(row, 0, 32);
            Guid? student = number is null ? null : students.TryGetValue(number, out var s) ? s : null;
            if (number is not null && student is null) run.Error(row, 0, "Records.UnknownStudent", number);
            var (course, period) = OfferingsCsv.Lookup(run, row, courses, periods, 1, 2);
            int? score = null;
            if (Scores.TryParse(run.Text(row, 3), out var value)) score = value;
            else run.Error(row, 3, "Records.ScoreRange");
            var letterText = run.Text(row, 4);
            if (score is not null && letterText.Length > 0 && !string.Equals(letterText, GradingScale.ForScore(score.Value).Letter, StringComparison.OrdinalIgnoreCase))
                run.Error(row, 4, "Records.Csv.LetterMismatch", letterText, score.Value, GradingScale.ForScore(score.Value).Letter);
            var gradedOn = run.Date(row, 5, required: false);
            if (gradedOn > run.Today) run.Error(row, 5, "Records.Csv.FutureDate");
            if (course is null || period is null || student is null || score is null) continue;

            var term = periodById[period.Value];
            if (term.Window(run.Today) != GradingWindowState.Closed)
            {
                run.Error(row, 2, "Records.Csv.PeriodOpen", term.Code, Gradebook.Day(term.GradingClosesOn, run.Language));
                continue;
            }
            if (!offerings.TryGetValue((course.Value, period.Value), out var offering)
                || !enrolments.TryGetValue((offering, student.Value), out var enrolment))
            {
                run.Error(row, 0, "Records.NotEnrolled", number!, run.Text(row, 1), term.Code);
                continue;
            }
            if (enrolment.Graded) { run.Error(row, 3, "Records.AlreadyGraded", number!, run.Text(row, 1)); continue; }
            if (!run.Unique(seen, enrolment.Id, row, 0)) continue;
            grades.Add(new Grade
            {
                Id = Guid.CreateVersion7(), TenantId = run.TenantId, EnrolmentId = enrolment.Id, Score = score.Value,
                Letter = GradingScale.ForScore(score.Value).Letter, EnteredById = run.Actor.UserId, EnteredAt = run.Now,
                GradedOn = gradedOn ?? Min(term.GradingClosesOn, run.Today), ImportId = run.ImportId,
            });
        }
        if (run.Writes) BulkRows.Add(db, grades);
        return rows.Count;
    }

    public async Task<List<string[]>> ExportAsync(AdalDb db, CancellationToken ct) =>
        (await db.Grades.AsNoTracking()
            .Join(db.Students, g => g.Enrolment!.StudentId, s => s.UserId, (g, s) => new
            {
                s.StudentNumber, Course = g.Enrolment!.Offering!.Course!.Code, Period = g.Enrolment.Offering.Period!.Code,
                Starts = g.Enrolment.Offering.Period.StartsOn, g.Score, g.Letter, g.GradedOn,
            })
            .ToListAsync(ct))
        .OrderBy(r => r.StudentNumber, StringComparer.Ordinal).ThenBy(r => r.Starts).ThenBy(r => r.Course, StringComparer.Ordinal)
        .Select(r => Row(r.StudentNumber, r.Course, r.Period, r.Score, r.Letter, r.GradedOn)).ToList();

    internal static string[] Row(string studentNumber, string course, string period, int score, string letter, DateOnly gradedOn) =>
        [studentNumber, course, period, ProgrammesCsv.Whole(score), letter, PeriodsCsv.Day(gradedOn)];

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
