using System.Security.Cryptography;
using Adal.Features.Ledger;
using Adal.Features.Requests;
using Adal.Platform;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;

namespace Adal.Features.Records.Csv;

/// <param name="Imported">Rows written; with dryRun, rows that would be. Zero whenever <paramref name="Ok"/> is false.</param>
public sealed record ImportReport(bool Ok, int Imported, IReadOnlyList<ImportError> Errors, string Kind, bool DryRun, int Rows);

/// <summary>
/// Imports and exports the record as CSV files (docs/import.md). A dry run checks every row and reports each
/// problem with its line and column, changing nothing. A real run is all or nothing: one transaction with the
/// rows, the file itself and its records.imported ledger entry, or — with any bad row — nothing at all.
/// </summary>
public sealed class RecordImporter(AdalDb db, TenantContext tenant, LedgerRecorder ledger, UniversityDate date)
{
    private readonly IReadOnlyList<IRecordCsv> _kinds =
    [
        new PeriodsCsv(), new ProgrammesCsv(), new CoursesCsv(), new TeachersCsv(ledger), new StudentsCsv(),
        new OfferingsCsv(), new EnrolmentsCsv(), new GradesCsv(),
    ];

    /// <summary>In the order a new university imports them: each refers only to kinds before it.</summary>
    public IEnumerable<string> Kinds => _kinds.Select(k => k.Kind);

    public IReadOnlyList<string>? ColumnsOf(string kind) => _kinds.FirstOrDefault(k => k.Kind == kind)?.Columns;

    public static bool MayImport(Actor actor) => actor.Has(Role.Registrar) || actor.Has(Role.Admin);

    public async Task<Outcome<ImportReport>> ImportAsync(Actor actor, string? kind, bool dryRun, byte[] content, string language, CancellationToken ct)
    {
        if (!MayImport(actor)) return Problems.Forbidden("Records.ImportForbidden", language);
        var csv = _kinds.FirstOrDefault(k => k.Kind == kind?.Trim().ToLowerInvariant());
        if (csv is null)
            return Problems.Invalid(new FieldErrors { ["kind"] = [Languages.Text("Records.UnknownKind", language, string.Join(", ", Kinds))] }, language);

        var errors = new List<ImportError>();
        var table = CsvFile.Read(content, csv.Columns, language, errors);
        if (table is null) return new ImportReport(false, 0, errors, csv.Kind, dryRun, 0);

        var import = new RecordImport
        {
            Id = Guid.CreateVersion7(), TenantId = tenant.Required, Kind = csv.Kind, Rows = table.Rows.Count, Sha256 = "", Content = content,
            ImportedById = actor.UserId, ImportedAt = date.UtcNow,
        };
        var run = new ImportRun(db, actor, tenant.Required, import.Id, language, date.UtcNow, date.Today, dryRun, csv.Columns);
        // Tens of thousands of new rows: tracking them is cheap, scanning them all for changes after each Add is not.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        int count;
        try
        {
            count = await csv.ImportAsync(run, table.Rows, ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        if (!run.Writes)
        {
            // Whatever a kind staged (updates of known rows, role grants) is dropped with the unit of work.
            db.ChangeTracker.Clear();
            BulkRows.Discard(db);
            ledger.TakeAll();
            var ok = run.Errors.Count == 0;
            return new ImportReport(ok, ok ? count : 0, run.Errors, csv.Kind, dryRun, table.Rows.Count);
        }
        var sha256 = SHA256.HashData(content);
        import.Sha256 = Convert.ToHexStringLower(sha256);
        db.RecordImports.Add(import);
        GradeLedger.Imported(ledger, date.UtcNow, import, sha256, source: "csv");
        await db.SaveChangesAsync(ct);
        return new ImportReport(true, count, [], csv.Kind, dryRun, table.Rows.Count);
    }

    public async Task<Outcome<byte[]>> ExportAsync(Actor actor, string? kind, string language, CancellationToken ct)
    {
        if (!MayImport(actor)) return Problems.Forbidden("Records.ImportForbidden", language);
        var csv = _kinds.FirstOrDefault(k => k.Kind == kind?.Trim().ToLowerInvariant());
        if (csv is null)
            return Problems.Invalid(new FieldErrors { ["kind"] = [Languages.Text("Records.UnknownKind", language, string.Join(", ", Kinds))] }, language);
        return CsvWriter.Write(csv.Columns, await csv.ExportAsync(db, ct));
    }
}
