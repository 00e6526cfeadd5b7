using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Notifications;

public sealed record NotificationView(Guid Id, string Subject, string Body, string? Link, DateTime CreatedAt, bool Read, bool Emailed);

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("Notifications");
        api.MapGet("/", async (HttpContext http, AdalDb db, CancellationToken ct) =>
        {
            var me = Actor.From(http.User)!.UserId;
            var items = await db.Notifications.AsNoTracking().Where(n => n.UserId == me).OrderByDescending(n => n.CreatedAt).Take(100)
                .Select(n => new NotificationView(n.Id, n.Subject, n.Body, n.Link, n.CreatedAt, n.ReadAt != null, n.EmailedAt != null)).ToListAsync(ct);
            return TypedResults.Ok(items);
        }).WithSummary("The signed-in person's notifications, newest first");
        return app;
    }
}
