using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Records;

/// <summary>A student's record and GPA: their own at /records, any student's for record staff at /records/students/{id}.</summary>
[Authorize]
public sealed class RecordModel(AdalDb db) : PageModel
{
    public TranscriptView? Transcript { get; private set; }
    public bool Own { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        var actor = Actor.From(User)!;
        var student = id ?? actor.UserId;
        Own = student == actor.UserId;
        if (!Own && !Offerings.ReadsAllRecords(actor)) return NotFound();
        Transcript = await Transcripts.LoadAsync(db, student, Languages.Current, ct);
        return Transcript is null && !Own ? NotFound() : Page();
    }
}
