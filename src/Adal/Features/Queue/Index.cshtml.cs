using Adal.Features.Catalog;
using Adal.Features.Requests;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Queue;

public sealed record QueueItem(Guid Id, string ServiceName, string ApplicantName, DateTime? DueAt, bool Overdue, bool AwaitingSecondSignature);

/// <summary>An officer's queue: only what the system assigned to them, most urgent first. There is no "take" button.</summary>
[Authorize]
public sealed class QueueModel(AdalDb db, CatalogProvider catalog, TimeProvider clock) : PageModel
{
    public List<QueueItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = Actor.From(User)!.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var lang = Languages.Current;
        var rows = await db.Requests.AsNoTracking()
            .Where(r => r.AssigneeId == me && r.State == RequestState.InReview)
            .OrderBy(r => r.StepDueAt)
            .Join(db.Users, r => r.ApplicantId, u => u.Id, (r, u) => new { r.Id, r.ServiceSlug, u.FullName, r.StepDueAt, r.FirstSignerId })
            .Take(500).ToListAsync(ct);
        Items = rows.Select(r => new QueueItem(r.Id, catalog.Current.Find(r.ServiceSlug)?.Name.In(lang) ?? r.ServiceSlug, r.FullName,
            r.StepDueAt, r.StepDueAt < now, r.FirstSignerId is not null)).ToList();
    }
}
