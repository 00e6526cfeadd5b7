using Adal.Features.Catalog;
using Adal.Features.Requests;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Queue;

[Authorize]
public sealed class CaseModel(AdalDb db, RequestWorkflow workflow) : PageModel
{
    public RequestView View { get; private set; } = null!;
    public ServiceDefinition? Service { get; private set; }
    public string ApplicantName { get; private set; } = "";
    public string? StudentLine { get; private set; }
    public bool IsAssignee { get; private set; }
    public string? Problem { get; private set; }
    public string? ReasonError { get; private set; }
    public string? Reason { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var file = await workflow.FindAttachmentAsync(Actor.From(User)!, id, attachmentId, ct);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? decision, string? reason, CancellationToken ct)
    {
        var outcome = await workflow.ActAsync(Actor.From(User)!, id, decision ?? "", reason, null, null, Languages.Current, ct);
        if (outcome.Failure is { } failure)
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            Reason = reason;
            if (failure.Fields?.TryGetValue("reason", out var messages) == true) ReasonError = string.Join(" ", messages);
            else Problem = failure.Message;
            Response.StatusCode = failure.Status;
            return Page();
        }
        // After deciding, the case usually leaves this officer's queue: back to the queue.
        return Redirect("/queue");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var actor = Actor.From(User)!;
        if (await workflow.FindVisibleAsync(actor, id, ct) is not { } found) return false;
        var (request, service) = found;
        Service = service;
        View = await RequestViews.ViewAsync(db, request, Service, actor, Languages.Current, ct);
        IsAssignee = request.AssigneeId == actor.UserId && request.State == RequestState.InReview;
        ApplicantName = await db.Users.Where(u => u.Id == request.ApplicantId).Select(u => u.FullName).FirstAsync(ct);
        var lang = Languages.Current;
        var student = await db.Students.AsNoTracking().Include(s => s.Programme).FirstOrDefaultAsync(s => s.UserId == request.ApplicantId, ct);
        if (student is not null)
            StudentLine = $"{student.StudentNumber} · {student.Programme?.Name(lang)} · {Languages.Text($"StudentStatus.{student.Status}", lang)}";
        return true;
    }
}
