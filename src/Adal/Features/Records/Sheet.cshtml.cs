using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Records;

/// <summary>
/// One course offering's class list. Within the grading window its teacher types the scores and saves them all at
/// once; after the window each grade (or a missing one) can only be asked to change, with a reason, for a second
/// person to approve.
/// </summary>
[Authorize]
public sealed class SheetModel(AdalDb db, UniversityDate date, Gradebook gradebook, GradeChanges changes) : PageModel
{
    public OfferingSheet Sheet { get; private set; } = null!;
    public bool IsTeacher { get; private set; }
    public bool MayAsk { get; private set; }
    public string? Problem { get; private set; }
    public string? Saved { get; private set; }
    public Dictionary<string, string> Errors { get; private set; } = [];
    public Dictionary<Guid, string?> Typed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int? saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (saved is { } count) Saved = Languages.Text("Records.Sheet.Saved", Languages.Current, count);
        return Page();
    }

    /// <summary>Within the window: every score typed on the sheet, in one transaction.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, Dictionary<Guid, string?> score, CancellationToken ct)
    {
        var outcome = await gradebook.SaveSheetAsync(Actor.From(User)!, id, score, Languages.Current, ct);
        if (outcome.Failure is null) return Redirect($"/gradebook/{id}?saved={outcome.Value}");
        if (!await LoadAsync(id, ct)) return NotFound();
        Typed = score;
        Errors = outcome.Failure.Fields?.ToDictionary(f => f.Key, f => string.Join(" ", f.Value)) ?? [];
        Problem = outcome.Failure.Message;
        Response.StatusCode = outcome.Failure.Status;
        return Page();
    }

    /// <summary>After the window: a change of one grade (or a late first grade), with its reason, for a second person to approve.</summary>
    public async Task<IActionResult> OnPostChangeAsync(Guid id, Guid enrolment, string? newScore, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var row = Sheet.Rows.FirstOrDefault(r => r.EnrolmentId == enrolment);
        if (row is null) return NotFound();
        var language = Languages.Current;
        decimal? value = decimal.TryParse(newScore, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        var actor = Actor.From(User)!;
        var outcome = row.GradeId is { } gradeId
            ? await changes.RequestAsync(actor, gradeId, new GradeChangeBody(value, reason), language, ct)
            : await gradebook.EnterAsync(actor, new GradeEntryBody(row.StudentNumber, Sheet.Offering.CourseCode, Sheet.Offering.Period, value, reason), language, ct);
        if (outcome.Failure is { } failure)
        {
            Problem = $"{row.FullName}: {failure.Message} {string.Join(" ", failure.Fields?.SelectMany(f => f.Value) ?? [])}".Trim();
            Response.StatusCode = failure.Status;
            return Page();
        }
        return Redirect($"/gradebook/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var actor = Actor.From(User)!;
        var sheet = await Offerings.SheetAsync(db, id, date.Today, Languages.Current, ct);
        if (sheet is null || (sheet.TeacherId != actor.UserId && !Offerings.ReadsAllRecords(actor))) return false;
        Sheet = sheet;
        IsTeacher = sheet.TeacherId == actor.UserId;
        MayAsk = sheet.Offering.Window == "closed" && (IsTeacher || actor.Has(Role.Registrar));
        return true;
    }
}
