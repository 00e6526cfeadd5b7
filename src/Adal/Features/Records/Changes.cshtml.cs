using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Records;

/// <summary>
/// The registrar's view of grade changes: those waiting for a second person, with approve and reject, and the
/// history of every change — who asked, why, who decided, and the ledger entry that records it.
/// </summary>
[Authorize(Roles = $"{Role.Registrar},{Role.Approver},{Role.Admin},{Role.Auditor}")]
public sealed class ChangesModel(AdalDb db, GradeChanges changes) : PageModel
{
    public List<GradeChangeView> Pending { get; private set; } = [];
    public List<GradeChangeView> History { get; private set; } = [];
    public bool MayDecide { get; private set; }
    public Guid Me { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(Guid change, string? decision, string? reason, CancellationToken ct)
    {
        var actor = Actor.From(User)!;
        var outcome = decision == "approve"
            ? await changes.ApproveAsync(actor, change, reason, Languages.Current, ct)
            : await changes.RejectAsync(actor, change, reason, Languages.Current, ct);
        if (outcome.Failure is null) return Redirect("/records/changes");
        Problem = $"{outcome.Failure.Message} {string.Join(" ", outcome.Failure.Fields?.SelectMany(f => f.Value) ?? [])}".Trim();
        Response.StatusCode = outcome.Failure.Status;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = Actor.From(User)!;
        Me = actor.UserId;
        MayDecide = actor.Has(Role.Registrar) || actor.Has(Role.Approver);
        var language = Languages.Current;
        Pending = await GradeViews.ChangesAsync(db, db.GradeChanges.Where(c => c.Status == GradeChangeStatus.Pending), language, 500, ct);
        History = await GradeViews.ChangesAsync(db, db.GradeChanges.Where(c => c.Status != GradeChangeStatus.Pending), language, 200, ct);
    }
}
