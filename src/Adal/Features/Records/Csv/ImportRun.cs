using System.Globalization;
using System.Text.RegularExpressions;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;

namespace Adal.Features.Records.Csv;

/// <summary>One kind of record file: its exact columns, how its rows are checked and applied, and its export.</summary>
internal interface IRecordCsv
{
    string Kind { get; }

    IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Checks every row and reports each problem to <paramref name="run"/>, and while <see cref="ImportRun.Writes"/>
    /// holds adds the rows to the unit of work (tracked, or as <see cref="BulkRows"/>). The importer drops the whole
    /// unit of work when any row failed or the run is dry. Returns the number of rows that are (or would be) imported.
    /// </summary>
    Task<int> ImportAsync(ImportRun run, IReadOnlyList<CsvRow> rows, CancellationToken ct);

    Task<List<string[]>> ExportAsync(AdalDb db, CancellationToken ct);
}

/// <summary>The state of one import: who, when, dry or real, and the problems found so far, in the user's language.</summary>
internal sealed partial class ImportRun(AdalDb db, Actor actor, Guid tenantId, Guid importId, string language, DateTime now, DateOnly today, bool dryRun,
    IReadOnlyList<string> columns)
{
    public AdalDb Db => db;
    public Actor Actor => actor;
    public Guid TenantId => tenantId;
    public Guid ImportId => importId;
    public string Language => language;
    public DateTime Now => now;
    public DateOnly Today => today;
    public bool DryRun => dryRun;
    public List<ImportError> Errors { get; } = [];

    /// <summary>Nothing is written by a dry run or by a file with any bad row.</summary>
    public bool Writes => !dryRun && Errors.Count == 0;

    public void Error(CsvRow row, int column, string key, params object[] args) =>
        Errors.Add(new ImportError(row.Line, columns[column], Languages.Text(key, language, args)));

    public string Text(CsvRow row, int column) => row.Fields[column].Trim();

    public string? Required(CsvRow row, int column, int maxLength = 300)
    {
        var value = Text(row, column);
        if (value.Length == 0) { Error(row, column, "Records.Csv.Required"); return null; }
        if (value.Length > maxLength) { Error(row, column, "Validation.MaxLength", maxLength); return null; }
        return value;
    }

    /// <summary>Codes of periods, courses, programmes, faculties and students: letters, digits and . _ / - only.</summary>
    public string? Code(CsvRow row, int column)
    {
        var value = Required(row, column, 32);
        if (value is not null && !CodePattern().IsMatch(value)) { Error(row, column, "Records.Csv.Code"); return null; }
        return value;
    }

    public int? Whole(CsvRow row, int column, int min, int max)
    {
        var text = Text(row, column);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        Error(row, column, text.Length == 0 ? "Records.Csv.Required" : "Records.Csv.Whole", min, max);
        return null;
    }

    /// <summary>YYYY-MM-DD, or DD.MM.YYYY as Kazakh and Russian spreadsheets write dates.</summary>
    public DateOnly? Date(CsvRow row, int column, bool required = true)
    {
        var text = Text(row, column);
        if (text.Length == 0 && !required) return null;
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        Error(row, column, text.Length == 0 ? "Records.Csv.Required" : "Records.Csv.Date");
        return null;
    }

    public string? Choice(CsvRow row, int column, IReadOnlyList<string> options, string? empty = null)
    {
        var text = Text(row, column).ToLowerInvariant();
        if (text.Length == 0 && empty is not null) return empty;
        if (options.Contains(text)) return text;
        Error(row, column, text.Length == 0 ? "Records.Csv.Required" : "Records.Csv.Choice", string.Join(", ", options));
        return null;
    }

    public bool? YesNo(CsvRow row, int column)
    {
        switch (Text(row, column).ToLowerInvariant())
        {
            case "yes" or "true" or "1": return true;
            case "no" or "false" or "0" or "": return false;
            default: Error(row, column, "Records.Csv.Choice", "yes, no"); return null;
        }
    }

    public string? Email(CsvRow row, int column)
    {
        var value = Required(row, column, 254)?.ToLowerInvariant();
        if (value is not null && !EmailPattern().IsMatch(value)) { Error(row, column, "Records.Csv.Email"); return null; }
        return value;
    }

    /// <summary>A key seen earlier in the same file is an error of the later row.</summary>
    public bool Unique<TKey>(HashSet<TKey> seen, TKey key, CsvRow row, int column)
    {
        if (seen.Add(key)) return true;
        Error(row, column, "Records.Csv.Duplicate");
        return false;
    }

    [GeneratedRegex("^[A-Za-z0-9А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі][A-Za-z0-9А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі._/-]{0,31}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
