using Adal.Features.Catalog;
using Adal.Features.University;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Notifications;

/// <summary>
/// Adds notifications to the current unit of work, in each recipient's own language; they are saved with the
/// change they report and mailed afterwards by the dispatcher.
/// </summary>
public sealed class Notifier(AdalDb db, TenantContext tenant, TimeProvider clock, PersonReads people)
{
    public async Task NotifyAsync(Guid userId, string subjectKey, string bodyKey, string? link, object[] args, CancellationToken ct)
    {
        var language = (await people.FindAsync(userId, ct))?.PreferredLanguage ?? Languages.Default;
        Add(userId, language, subjectKey, bodyKey, link, args);
    }

    public async Task NotifyRoleAsync(string role, string subjectKey, string bodyKey, string? link, object[] args, CancellationToken ct)
    {
        var people = await db.UsersInRole(role).Where(u => u.IsActive)
            .Select(u => new { u.Id, u.PreferredLanguage }).ToListAsync(ct);
        foreach (var person in people) Add(person.Id, person.PreferredLanguage, subjectKey, bodyKey, link, args);
    }

    /// <summary>Arguments that are <see cref="LocalizedText"/> (a service's name) are written in the recipient's language.</summary>
    private void Add(Guid userId, string language, string subjectKey, string bodyKey, string? link, object[] args)
    {
        args = args.Select(a => a is LocalizedText text ? text.In(language) : a).ToArray();
        db.Insert(new Notification
        {
            // Time-ordered, as every id Adal makes: a random one put each filing's row into another page of the key's index.
            Id = Guid.CreateVersion7(),
            TenantId = tenant.Required,
            UserId = userId,
            Subject = Languages.Text(subjectKey, language, args),
            Body = Languages.Text(bodyKey, language, args),
            Link = link,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
    }
}
