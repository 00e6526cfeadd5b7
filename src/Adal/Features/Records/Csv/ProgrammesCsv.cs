using Adal.Features.University;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records.Csv;

/// <summary>programmes.csv: educational programmes with their credit structure (ECTS required in each cycle).</summary>
internal sealed class ProgrammesCsv : IRecordCsv
{
    private static readonly string[] Levels = ["bachelor", "master", "doctoral"];

    public string Kind => "programmes";

    public IReadOnlyList<string> Columns { get; } =
        ["code", "faculty_code", "name_kk", "name_ru", "name_en", "level", "duration_years", "general_credits", "basic_credits", "major_credits", "final_credits"];

    public async Task<int> ImportAsync(ImportRun run, IReadOnlyList<CsvRow> rows, CancellationToken ct)
    {
        var faculties = await run.Db.Faculties.AsNoTracking().ToDictionaryAsync(f => f.Code, f => f.Id, ct);
        var programmes = await run.Db.Programmes.ToDictionaryAsync(p => p.Code, ct);
        var structures = await run.Db.ProgrammeCredits.ToDictionaryAsync(c => c.ProgrammeId, ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var code = run.Code(row, 0);
            if (code is not null) run.Unique(seen, code, row, 0);
            var facultyCode = run.Required(row, 1, 32);
            Guid? faculty = facultyCode is null ? null : faculties.TryGetValue(facultyCode, out var f) ? f : null;
            if (facultyCode is not null && faculty is null) run.Error(row, 1, "Records.Csv.UnknownFaculty", facultyCode);
            var (kk, ru, en) = (run.Required(row, 2), run.Required(row, 3), run.Required(row, 4));
            var level = run.Choice(row, 5, Levels);
            var years = run.Whole(row, 6, 1, 7);
            var credits = Enumerable.Range(7, 4).Select(c => run.Whole(row, c, 0, 400)).ToArray();
            if (code is null || faculty is null || kk is null || ru is null || en is null || level is null || years is null || credits.Any(c => c is null)) continue;
            if (credits.Sum() == 0) { run.Error(row, 7, "Records.Csv.NoCredits"); continue; }
            if (!run.Writes) continue;
            if (!programmes.TryGetValue(code, out var programme))
            {
                programme = new Programme { Id = Guid.CreateVersion7(), TenantId = run.TenantId, Code = code, NameKk = kk, NameRu = ru, NameEn = en, Level = level };
                programmes[code] = programme;
                run.Db.Programmes.Add(programme);
            }
            (programme.FacultyId, programme.NameKk, programme.NameRu, programme.NameEn, programme.Level, programme.DurationYears) = (faculty.Value, kk, ru, en, level, years.Value);
            if (!structures.TryGetValue(programme.Id, out var structure))
            {
                structure = new ProgrammeCredits { ProgrammeId = programme.Id, TenantId = run.TenantId };
                structures[programme.Id] = structure;
                run.Db.ProgrammeCredits.Add(structure);
            }
            (structure.General, structure.Basic, structure.Major, structure.Final) = (credits[0]!.Value, credits[1]!.Value, credits[2]!.Value, credits[3]!.Value);
        }
        return rows.Count;
    }

    public async Task<List<string[]>> ExportAsync(AdalDb db, CancellationToken ct)
    {
        var rows = await db.Programmes.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new { p, Faculty = p.Faculty!.Code }).ToListAsync(ct);
        var structures = await db.ProgrammeCredits.AsNoTracking().ToDictionaryAsync(c => c.ProgrammeId, ct);
        return rows.Select(r =>
        {
            var s = structures.GetValueOrDefault(r.p.Id) ?? new ProgrammeCredits();
            return new[] { r.p.Code, r.Faculty, r.p.NameKk, r.p.NameRu, r.p.NameEn, r.p.Level, Whole(r.p.DurationYears), Whole(s.General), Whole(s.Basic), Whole(s.Major), Whole(s.Final) };
        }).ToList();
    }

    internal static string Whole(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
