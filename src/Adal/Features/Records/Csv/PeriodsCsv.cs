using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records.Csv;

/// <summary>periods.csv: the semesters and their grading windows. A new code adds a period, a known one is updated.</summary>
internal sealed class PeriodsCsv : IRecordCsv
{
    public string Kind => "periods";

    public IReadOnlyList<string> Columns { get; } =
        ["code", "name_kk", "name_ru", "name_en", "starts_on", "ends_on", "grading_opens_on", "grading_closes_on"];

    public async Task<int> ImportAsync(ImportRun run, IReadOnlyList<CsvRow> rows, CancellationToken ct)
    {
        var existing = await run.Db.AcademicPeriods.ToDictionaryAsync(p => p.Code, ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var staged = new List<AcademicPeriod>();
        foreach (var row in rows)
        {
            var code = run.Code(row, 0);
            if (code is not null) run.Unique(seen, code, row, 0);
            var (kk, ru, en) = (run.Required(row, 1, 200), run.Required(row, 2, 200), run.Required(row, 3, 200));
            var (starts, ends, opens, closes) = (run.Date(row, 4), run.Date(row, 5), run.Date(row, 6), run.Date(row, 7));
            if (starts > ends) run.Error(row, 5, "Records.Csv.EndsBeforeStart");
            if (opens > closes) run.Error(row, 7, "Records.Csv.EndsBeforeStart");
            if (opens < starts) run.Error(row, 6, "Records.Csv.WindowBeforePeriod");
            if (code is null || kk is null || ru is null || en is null || starts is null || ends is null || opens is null || closes is null) continue;
            var period = existing.GetValueOrDefault(code);
            // A closed window never reopens: after it, grades change only through four eyes.
            if (period is not null && period.Window(run.Today) == GradingWindowState.Closed && closes >= run.Today && closes != period.GradingClosesOn)
            {
                run.Error(row, 7, "Records.Csv.WindowReopen", period.GradingClosesOn.ToString("yyyy-MM-dd"));
                continue;
            }
            period ??= new AcademicPeriod { Id = Guid.CreateVersion7(), TenantId = run.TenantId, Code = code, NameKk = kk, NameRu = ru, NameEn = en };
            staged.Add(period);
            (period.NameKk, period.NameRu, period.NameEn) = (kk, ru, en);
            (period.StartsOn, period.EndsOn, period.GradingOpensOn, period.GradingClosesOn) = (starts.Value, ends.Value, opens.Value, closes.Value);
        }
        if (run.Writes) run.Db.AcademicPeriods.AddRange(staged.Where(p => !existing.ContainsKey(p.Code)));
        return rows.Count;
    }

    public async Task<List<string[]>> ExportAsync(AdalDb db, CancellationToken ct) =>
        (await db.AcademicPeriods.AsNoTracking().OrderBy(p => p.StartsOn).ThenBy(p => p.Code).ToListAsync(ct))
        .Select(p => new[] { p.Code, p.NameKk, p.NameRu, p.NameEn, Day(p.StartsOn), Day(p.EndsOn), Day(p.GradingOpensOn), Day(p.GradingClosesOn) })
        .ToList();

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
