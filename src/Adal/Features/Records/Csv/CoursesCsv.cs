using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records.Csv;

/// <summary>courses.csv: the disciplines of the curricula, with ECTS credits and cycle; programme_code empty for university-wide ones.</summary>
internal sealed class CoursesCsv : IRecordCsv
{
    public string Kind => "courses";

    public IReadOnlyList<string> Columns { get; } = ["code", "name_kk", "name_ru", "name_en", "credits", "component", "programme_code"];

    public async Task<int> ImportAsync(ImportRun run, IReadOnlyList<CsvRow> rows, CancellationToken ct)
    {
        var programmes = await run.Db.Programmes.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        var courses = await run.Db.Courses.ToDictionaryAsync(c => c.Code, ct);
        var graded = (await run.Db.Grades.Select(g => g.Enrolment!.Offering!.CourseId).Distinct().ToListAsync(ct)).ToHashSet();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var code = run.Code(row, 0);
            if (code is not null) run.Unique(seen, code, row, 0);
            var (kk, ru, en) = (run.Required(row, 1), run.Required(row, 2), run.Required(row, 3));
            var credits = run.Whole(row, 4, 1, 60);
            var component = run.Choice(row, 5, CourseComponent.All);
            var programmeCode = run.Text(row, 6);
            Guid? programme = null;
            if (programmeCode.Length > 0)
            {
                if (programmes.TryGetValue(programmeCode, out var id)) programme = id;
                else run.Error(row, 6, "Records.Csv.UnknownProgramme", programmeCode);
            }
            if (code is null || kk is null || ru is null || en is null || credits is null || component is null) continue;
            var course = courses.GetValueOrDefault(code);
            // Credits weigh every GPA the course is in: once graded, they are part of the record.
            if (course is not null && course.Credits != credits && graded.Contains(course.Id))
            {
                run.Error(row, 4, "Records.Csv.CreditsGraded", course.Credits);
                continue;
            }
            if (!run.Writes) continue;
            if (course is null)
            {
                course = new Course { Id = Guid.CreateVersion7(), TenantId = run.TenantId, Code = code, NameKk = kk, NameRu = ru, NameEn = en, Component = component };
                courses[code] = course;
                run.Db.Courses.Add(course);
            }
            (course.NameKk, course.NameRu, course.NameEn, course.Credits, course.Component, course.ProgrammeId) = (kk, ru, en, credits.Value, component, programme);
        }
        return rows.Count;
    }

    public async Task<List<string[]>> ExportAsync(AdalDb db, CancellationToken ct) =>
        (await db.Courses.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c, Programme = c.Programme!.Code }).ToListAsync(ct))
        .Select(r => new[] { r.c.Code, r.c.NameKk, r.c.NameRu, r.c.NameEn, ProgrammesCsv.Whole(r.c.Credits), r.c.Component, r.Programme ?? "" })
        .ToList();
}
