using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Notifications;

/// <summary>
/// An in-app message, and the e-mail outbox at the same time: written in the transaction of the change it
/// reports, mailed afterwards by <see cref="EmailDispatcher"/>, so no e-mail is lost or sent for a rolled-back change.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public string? Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public DateTime? EmailedAt { get; set; }
    public int EmailAttempts { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Subject).HasMaxLength(300);
        b.Property(n => n.Body).HasMaxLength(4000);
        b.Property(n => n.Link).HasMaxLength(300);
        b.HasIndex(n => new { n.TenantId, n.UserId, n.CreatedAt });
        b.HasIndex(n => n.EmailedAt);
    }
}
