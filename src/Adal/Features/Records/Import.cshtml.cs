using Adal.Features.Records.Csv;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Records;

/// <summary>Import and export of the record as CSV for registrars: check first (dry run), then import for real.</summary>
[Authorize(Roles = $"{Role.Registrar},{Role.Admin}")]
[RequestSizeLimit(64 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
public sealed class ImportModel(RecordImporter importer) : PageModel
{
    public IEnumerable<string> Kinds => importer.Kinds;
    public string Kind { get; private set; } = "grades";
    public ImportReport? Report { get; private set; }
    public string? Problem { get; private set; }

    public void OnGet(string? kind) => Kind = kind ?? Kind;

    public async Task<IActionResult> OnPostAsync(string? kind, bool dryRun, IFormFile? file, CancellationToken ct)
    {
        Kind = kind ?? Kind;
        var language = Languages.Current;
        if (file is null || file.Length == 0)
        {
            Problem = Languages.Text("Records.Import.ChooseFile", language);
            Response.StatusCode = 400;
            return Page();
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var outcome = await importer.ImportAsync(Actor.From(User)!, kind, dryRun, buffer.ToArray(), language, ct);
        if (outcome.Failure is { } failure)
        {
            Problem = failure.Message;
            Response.StatusCode = failure.Status;
            return Page();
        }
        Report = outcome.Value;
        if (!Report!.Ok) Response.StatusCode = 400;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? kind, CancellationToken ct)
    {
        var outcome = await importer.ExportAsync(Actor.From(User)!, kind, Languages.Current, ct);
        return outcome.Failure is null ? File(outcome.Value!, "text/csv; charset=utf-8", $"{kind}.csv") : NotFound();
    }
}
