using Adal.Features.Catalog;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Admin;

[Authorize(Roles = $"{Role.Admin},{Role.Auditor}")]
public sealed class DefinitionHistoryModel(AdalDb db, CatalogProvider catalog) : PageModel
{
    public string Slug { get; private set; } = "";
    public int? CurrentVersion { get; private set; }
    public List<ServiceDefinitionVersion> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        Versions = await db.DefinitionVersions.AsNoTracking().Where(v => v.Slug == slug).OrderByDescending(v => v.Version).ToListAsync(ct);
        if (Versions.Count == 0) return NotFound();
        Slug = slug;
        CurrentVersion = catalog.Current.Find(slug)?.Version;
        return Page();
    }
}
