using Adal.Features.Catalog;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Requests;

[Authorize]
public sealed class MyRequestsModel(AdalDb db, CatalogProvider catalog) : PageModel
{
    public List<RequestListItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = Actor.From(User)!.UserId;
        var requests = await db.Requests.AsNoTracking().Where(r => r.ApplicantId == me).OrderByDescending(r => r.CreatedAt).Take(200).ToListAsync(ct);
        Items = requests.Select(r => RequestViews.ListItem(r, catalog, Languages.Current)).ToList();
    }
}
