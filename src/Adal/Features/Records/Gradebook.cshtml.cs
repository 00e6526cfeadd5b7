using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Records;

/// <summary>A teacher's gradebook: the courses they teach, by period, with the state of each grading window.</summary>
[Authorize(Roles = Role.Teacher)]
public sealed class GradebookModel(AdalDb db, UniversityDate date) : PageModel
{
    public List<OfferingSummary> Offerings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Offerings = await Records.Offerings.OfTeacherAsync(db, Actor.From(User)!.UserId, date.Today, Languages.Current, ct);
}
