using Adal.Features.Catalog;
using Adal.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Admin;

[Authorize(Roles = $"{Role.Admin},{Role.Auditor}")]
public sealed class AdminCatalogModel(CatalogProvider catalog) : PageModel
{
    public List<ServiceDefinition> Services { get; private set; } = [];

    public void OnGet() => Services = catalog.Current.All.ToList();
}
