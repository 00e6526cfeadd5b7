using Adal.Features.Catalog;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Features.University;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Requests;

[Authorize]
public sealed class ApplyModel(CatalogProvider catalog, RequestWorkflow workflow, PersonReads people) : PageModel
{
    public ServiceDefinition Service { get; private set; } = null!;
    public Dictionary<string, string> Values { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var service = catalog.Current.Find(slug);
        if (service is null) return NotFound();
        Service = service;
        var profile = await ApplicantProfiles.LoadAsync(people, Actor.From(User)!.UserId, ct);
        if (!Eligibility.MayApply(profile, service)) Problem = Languages.Text("Problem.NotEligible", Languages.Current);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, bool submit, CancellationToken ct)
    {
        var service = catalog.Current.Find(slug);
        if (service is null) return NotFound();
        Service = service;
        var (fields, files) = await FormFieldsModel.ReadAsync(Request.Form, ct);
        var outcome = await workflow.CreateAsync(Actor.From(User)!, slug, fields, files, submit, Languages.Current, ct);
        if (outcome.Failure is { } failure)
        {
            // Show the form again with what was typed and each message beside its field; nothing was saved.
            Values = fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!);
            Errors = failure.Fields ?? new FieldErrors();
            Problem = failure.Message;
            Response.StatusCode = failure.Status;
            return Page();
        }
        return Redirect($"/requests/{outcome.Value!.Id}");
    }
}
