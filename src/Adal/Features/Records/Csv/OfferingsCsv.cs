using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records.Csv;

/// <summary>offerings.csv: which teacher teaches a course in a period, and so is the one who enters its grades.</summary>
internal sealed class OfferingsCsv : IRecordCsv
{
    public string Kind => "offerings";

    public IReadOnlyList<string> Columns { get; } = ["course_code", "period", "teacher_email"];

    public async Task<int> ImportAsync(ImportRun run, IReadOnlyList<CsvRow> rows, CancellationToken ct)
    {
        var courses = await run.Db.Courses.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        var periods = await run.Db.AcademicPeriods.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        var teachers = await run.Db.UsersInRole(Role.Teacher).AsNoTracking().ToDictionaryAsync(u => u.Email, u => u.Id, ct);
        var offerings = await run.Db.CourseOfferings.ToDictionaryAsync(o => (o.CourseId, o.PeriodId), ct);
        var seen = new HashSet<(Guid, Guid)>();
        foreach (var row in rows)
        {
            var (course, period) = Lookup(run, row, courses, periods, 0, 1);
            var email = run.Email(row, 2);
            Guid? teacher = email is null ? null : teachers.TryGetValue(email, out var t) ? t : null;
            if (email is not null && teacher is null) run.Error(row, 2, "Records.Csv.NotATeacher", email);
            if (course is null || period is null || teacher is null || !run.Unique(seen, (course.Value, period.Value), row, 0) || !run.Writes) continue;
            if (offerings.TryGetValue((course.Value, period.Value), out var offering)) offering.TeacherId = teacher.Value;
            else run.Db.CourseOfferings.Add(new CourseOffering { Id = Guid.CreateVersion7(), TenantId = run.TenantId, CourseId = course.Value, PeriodId = period.Value, TeacherId = teacher.Value });
        }
        return rows.Count;
    }

    /// <summary>The course and period a row names, each reported when unknown.</summary>
    internal static (Guid? Course, Guid? Period) Lookup(ImportRun run, CsvRow row, Dictionary<string, Guid> courses, Dictionary<string, Guid> periods, int courseColumn, int periodColumn)
    {
        var courseCode = run.Required(row, courseColumn, 32);
        var periodCode = run.Required(row, periodColumn, 32);
        Guid? course = courseCode is null ? null : courses.TryGetValue(courseCode, out var c) ? c : null;
        Guid? period = periodCode is null ? null : periods.TryGetValue(periodCode, out var p) ? p : null;
        if (courseCode is not null && course is null) run.Error(row, courseColumn, "Records.UnknownCourse", courseCode);
        if (periodCode is not null && period is null) run.Error(row, periodColumn, "Records.UnknownPeriod", periodCode);
        return (course, period);
    }

    public async Task<List<string[]>> ExportAsync(AdalDb db, CancellationToken ct) =>
        (await db.CourseOfferings.AsNoTracking()
            .Join(db.Users, o => o.TeacherId, u => u.Id, (o, u) => new { Course = o.Course!.Code, Period = o.Period!.Code, Starts = o.Period.StartsOn, u.Email })
            .OrderBy(r => r.Starts).ThenBy(r => r.Course).ToListAsync(ct))
        .Select(r => new[] { r.Course, r.Period, r.Email }).ToList();
}
