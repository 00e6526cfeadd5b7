using System.Text.Json;
using Adal.Features.Catalog;
using Adal.Features.Documents;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Requests;

[Authorize]
public sealed class RequestDetailModel(AdalDb db, RequestWorkflow workflow) : PageModel
{
    public RequestView View { get; private set; } = null!;
    public ServiceDefinition? Service { get; private set; }
    public bool IsApplicant { get; private set; }
    public Dictionary<string, string> Values { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDocumentAsync(Guid id, [FromServices] Adal.Features.Documents.DocumentFiles files, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || View.DocumentNumber is null) return NotFound();
        var document = await db.Documents.AsNoTracking().FirstAsync(d => d.Number == View.DocumentNumber, ct);
        return File(await files.PdfAsync(db, document, ct), "application/pdf", $"{document.Number}.pdf");
    }

    /// <summary>The issued document as a W3C Verifiable Credential, for a wallet or an employer's verifier.</summary>
    public async Task<IActionResult> OnGetCredentialAsync(Guid id, [FromServices] Adal.Features.Credentials.CredentialIssuer credentials, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || View.DocumentNumber is null) return NotFound();
        var document = await db.Documents.AsNoTracking().FirstAsync(d => d.Number == View.DocumentNumber, ct);
        if (document.RevokedAt is not null) return NotFound();
        var credential = await credentials.IssueAsync(document, ct);
        Response.Headers.ContentDisposition = $"attachment; filename=\"{document.Number}.credential.json\"";
        return Content(credential.ToJsonString(), Adal.Features.Credentials.CredentialsApi.MediaType);
    }

    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var file = await workflow.FindAttachmentAsync(Actor.From(User)!, id, attachmentId, ct);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) => ActAsync(id, RequestAction.Withdraw, null, null, ct);

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) => ActAsync(id, RequestAction.Submit, null, null, ct);

    public async Task<IActionResult> OnPostResubmitAsync(Guid id, CancellationToken ct)
    {
        var (fields, files) = await FormFieldsModel.ReadAsync(Request.Form, ct);
        return await ActAsync(id, RequestAction.Resubmit, fields, files, ct);
    }

    private async Task<IActionResult> ActAsync(Guid id, string action, Dictionary<string, string?>? fields, List<UploadedFile>? files, CancellationToken ct)
    {
        var outcome = await workflow.ActAsync(Actor.From(User)!, id, action, null, fields, files, Languages.Current, ct);
        if (outcome.Failure is { } failure)
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            if (fields is not null) Values = fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!);
            Errors = failure.Fields ?? new FieldErrors();
            Problem = failure.Message;
            Response.StatusCode = failure.Status;
            return Page();
        }
        return Redirect($"/requests/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var actor = Actor.From(User)!;
        if (await workflow.FindVisibleAsync(actor, id, ct) is not { } found) return false;
        var (request, service) = found;
        Service = service;
        View = await RequestViews.ViewAsync(db, request, Service, actor, Languages.Current, ct);
        IsApplicant = request.ApplicantId == actor.UserId;
        Values = JsonSerializer.Deserialize<Dictionary<string, string>>(request.FieldsJson) ?? [];
        return true;
    }
}
