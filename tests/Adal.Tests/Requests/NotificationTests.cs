using Adal.Features.Notifications;
using Adal.Tests.Infrastructure;

namespace Adal.Tests.Requests;

/// <summary>Notifications in-app and by e-mail through a real SMTP conversation with a listener on 127.0.0.1.</summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private readonly SmtpListener _smtp = new();
    private readonly AdalApp _app = new();

    public Task InitializeAsync()
    {
        _smtp.Start();
        _app.Settings["Adal:Smtp:Host"] = "127.0.0.1";
        _app.Settings["Adal:Smtp:Port"] = _smtp.Port.ToString();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _smtp.Dispose();
    }

    [Fact]
    public async Task The_student_is_told_in_app_and_by_email_in_their_language_when_the_document_is_issued()
    {
        var student = await _app.SignedInAsync("student@demo.local");
        var request = await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = "employer", copies = 1 } });
        var number = request["documentNumber"]!.GetValue<string>();

        var inApp = (await (await student.GetAsync("/api/notifications")).ReadJsonAsync()).AsArray();
        var issued = inApp.Single(n => n!["body"]!.GetValue<string>().Contains(number));
        Assert.Equal("Құжатыңыз дайын", issued!["subject"]!.GetValue<string>());

        Assert.True(await _app.Service<EmailDispatcher>().SendPendingAsync(default) >= 1);
        var mail = _smtp.Messages.Single(m => (m.Parsed.TextBody ?? "").Contains(number));
        Assert.Equal("Құжатыңыз дайын", mail.Parsed.Subject);
        Assert.Equal("<student@demo.local>", mail.Recipients.Single());
        Assert.Equal(0, await _app.Service<EmailDispatcher>().SendPendingAsync(default));
    }
}
