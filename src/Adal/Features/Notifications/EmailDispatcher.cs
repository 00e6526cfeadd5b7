using Adal.Platform.Persistence;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Adal.Features.Notifications;

public sealed class SmtpOptions
{
    /// <summary>No host, no e-mail: notifications stay in-app (the default for a laptop demo).</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "no-reply@adal.local";
    public string FromName { get; set; } = "Adal";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool UseStartTls { get; set; }
    public int PollSeconds { get; set; } = 5;
}

/// <summary>
/// Mails the notifications outbox over SMTP. A notification is marked mailed only after the server accepted it;
/// a failure is retried on later passes, up to five attempts, so a mail server outage delays but loses nothing.
/// </summary>
public sealed class EmailDispatcher(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SmtpOptions> options, ILogger<EmailDispatcher> log) : BackgroundService
{
    private const int MaxAttempts = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Host)) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), clock);
        do
        {
            try
            {
                await SendPendingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "E-mail pass failed; the next pass retries");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SendPendingAsync(CancellationToken ct)
    {
        var smtp = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
        var pending = await db.Notifications.IgnoreQueryFilters()
            .Where(n => n.EmailedAt == null && n.EmailAttempts < MaxAttempts)
            .OrderBy(n => n.CreatedAt).Take(100)
            .Join(db.Users.IgnoreQueryFilters(), n => n.UserId, u => u.Id, (n, u) => new { Notification = n, u.Email, u.FullName })
            .ToListAsync(ct);
        if (pending.Count == 0) return 0;
        using var client = new SmtpClient();
        var sent = 0;
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            foreach (var item in pending)
            {
                var message = new MimeMessage();
                message.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
                message.To.Add(new MailboxAddress(item.FullName, item.Email));
                message.Subject = item.Notification.Subject;
                message.Body = new TextPart("plain") { Text = item.Notification.Body };
                try
                {
                    await client.SendAsync(message, ct);
                    item.Notification.EmailedAt = clock.GetUtcNow().UtcDateTime;
                    sent++;
                }
                catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException)
                {
                    item.Notification.EmailAttempts++;
                    log.LogWarning("Mail to a user was refused: {Reason}", e.Message);
                }
            }
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or SmtpProtocolException)
        {
            foreach (var item in pending.Where(p => p.Notification.EmailedAt is null)) item.Notification.EmailAttempts++;
            log.LogWarning("Mail server {Host}:{Port} not reachable: {Reason}", smtp.Host, smtp.Port, e.Message);
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }
}
