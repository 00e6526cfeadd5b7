using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records.Csv;

/// <summary>
/// enrolments.csv: a student taking a course offering. The first attempt is regular; a resit follows an FX (the
/// exam is sat again), a repeat follows an earlier attempt (after F, or to improve the grade). An enrolment
/// already on record is left as it is.
/// </summary>
internal sealed class EnrolmentsCsv : IRecordCsv
{
    public string Kind => "enrolments";

    public IReadOnlyList<string> Columns { get; } = ["student_number", "course_code", "period", "kind"];

    public async Task<int> ImportAsync(ImportRun run, IReadOnlyList<CsvRow> rows, CancellationToken ct)
    {
        var db = run.Db;
        var students = await db.Students.AsNoTracking().ToDictionaryAsync(s => s.StudentNumber, s => s.UserId, ct);
        var courses = await db.Courses.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        var periodRows = await db.AcademicPeriods.AsNoTracking().Select(p => new { p.Code, p.Id, p.StartsOn }).ToListAsync(ct);
        var periods = periodRows.ToDictionary(p => p.Code, p => p.Id);
        var starts = periodRows.ToDictionary(p => p.Id, p => p.StartsOn);
        var offerings = await db.CourseOfferings.AsNoTracking().ToDictionaryAsync(o => (o.CourseId, o.PeriodId), o => o.Id, ct);
        var attempts = (await db.Enrolments.AsNoTracking()
                .Select(e => new { e.StudentId, e.Offering!.CourseId, e.Offering.PeriodId, e.OfferingId, Letter = e.Grade!.Letter }).ToListAsync(ct))
            .ToLookup(a => (a.StudentId, a.CourseId), a => (Start: starts[a.PeriodId], a.OfferingId, a.Letter));

        var parsed = new List<(CsvRow Row, Guid Student, Guid Course, Guid Period, Guid Offering, string Kind)>();
        var seen = new HashSet<(Guid, Guid)>();
        foreach (var row in rows)
        {
            var number = run.Required(row, 0, 32);
            Guid? student = number is null ? null : students.TryGetValue(number, out var s) ? s : null;
            if (number is not null && student is null) run.Error(row, 0, "Records.UnknownStudent", number);
            var (course, period) = OfferingsCsv.Lookup(run, row, courses, periods, 1, 2);
            var kind = run.Choice(row, 3, EnrolmentKind.All, empty: EnrolmentKind.Regular);
            if (course is null || period is null || student is null || kind is null) continue;
            if (!offerings.TryGetValue((course.Value, period.Value), out var offering))
            {
                run.Error(row, 1, "Records.NotOffered", run.Text(row, 1), run.Text(row, 2));
                continue;
            }
            if (run.Unique(seen, (student.Value, offering), row, 0)) parsed.Add((row, student.Value, course.Value, period.Value, offering, kind));
        }
        var fileAttempts = parsed.ToLookup(p => (p.Student, p.Course), p => starts[p.Period]);

        var added = new List<Enrolment>();
        foreach (var (row, student, course, period, offering, kind) in parsed)
        {
            var known = attempts[(student, course)];
            if (known.Any(a => a.OfferingId == offering)) continue;
            var start = starts[period];
            var earlier = known.Where(a => a.Start < start).OrderBy(a => a.Start).ToList();
            var earlierInFile = fileAttempts[(student, course)].Any(s => s < start);
            switch (kind)
            {
                case EnrolmentKind.Regular when earlier.Count > 0 || earlierInFile:
                    run.Error(row, 3, "Records.Csv.RetakeKind");
                    continue;
                case EnrolmentKind.Resit when earlier.LastOrDefault().Letter != GradingScale.FX:
                    run.Error(row, 3, "Records.Csv.ResitNeedsFx");
                    continue;
                case EnrolmentKind.Repeat when earlier.Count == 0 && !earlierInFile:
                    run.Error(row, 3, "Records.Csv.RepeatNeedsAttempt");
                    continue;
            }
            added.Add(new Enrolment { Id = Guid.CreateVersion7(), TenantId = run.TenantId, OfferingId = offering, StudentId = student, Kind = kind, EnrolledAt = run.Now });
        }
        if (run.Writes) BulkRows.Add(db, added);
        return rows.Count;
    }

    public async Task<List<string[]>> ExportAsync(AdalDb db, CancellationToken ct) =>
        (await db.Enrolments.AsNoTracking()
            .Join(db.Students, e => e.StudentId, s => s.UserId, (e, s) => new
            {
                s.StudentNumber, Course = e.Offering!.Course!.Code, Period = e.Offering.Period!.Code, Starts = e.Offering.Period.StartsOn, e.Kind,
            })
            .ToListAsync(ct))
        .OrderBy(r => r.StudentNumber, StringComparer.Ordinal).ThenBy(r => r.Starts).ThenBy(r => r.Course, StringComparer.Ordinal)
        .Select(r => new[] { r.StudentNumber, r.Course, r.Period, r.Kind }).ToList();
}
