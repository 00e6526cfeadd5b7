using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Notifications;

[Authorize]
public sealed class NotificationsModel(AdalDb db, TimeProvider clock) : PageModel
{
    public List<Notification> Items { get; private set; } = [];
    public HashSet<Guid> Unread { get; private set; } = [];

    /// <summary>Opening the page marks what it shows as read.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = Actor.From(User)!.UserId;
        Items = await db.Notifications.Where(n => n.UserId == me).OrderByDescending(n => n.CreatedAt).Take(100).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        Unread = Items.Where(n => n.ReadAt is null).Select(n => n.Id).ToHashSet();
        foreach (var n in Items.Where(n => n.ReadAt is null)) n.ReadAt = now;
        if (Unread.Count > 0) await db.SaveChangesAsync(ct);
    }
}
