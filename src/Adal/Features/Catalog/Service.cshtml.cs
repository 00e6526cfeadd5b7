using Adal.Platform.Identity;
using Adal.Features.University;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Catalog;

public sealed class ServiceModel(CatalogProvider catalog, PersonReads people) : PageModel
{
    public ServiceDefinition Service { get; private set; } = null!;
    public Actor? Actor { get; private set; }
    public bool MayApply { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var service = catalog.Current.Find(slug);
        if (service is null) return NotFound();
        Service = service;
        Actor = Actor.From(User);
        if (Actor is not null) MayApply = Eligibility.MayApply(await ApplicantProfiles.LoadAsync(people, Actor.UserId, ct), service);
        return Page();
    }
}
