using Adal.Features.Requests;
using Adal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Adal.Tests.Requests;

public sealed class SlaEscalationTests
{
    [Fact]
    public async Task A_step_past_its_working_hours_deadline_escalates_once_even_after_a_restart()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("adal-sla-").FullName, "adal.db");
        string id;
        DateTime due;
        using (var before = new AdalApp())
        {
            before.Settings["ConnectionStrings:Sqlite"] = $"Data Source={file}";
            before.Settings["Adal:KeysPath"] = Path.Combine(Path.GetDirectoryName(file)!, "keys");
            var student = await before.SignedInAsync("student@demo.local");
            var request = await Cases.ApplyAsync(student, new { serviceSlug = "academic-leave", fields = Cases.AcademicLeaveFields() });
            id = request["id"]!.GetValue<string>();
            due = request["currentStep"]!["dueAt"]!.GetValue<DateTime>().ToUniversalTime();
            // Submitted Monday 10:00 Almaty: the deadline counts working hours only, so it is later than the same hours on a clock.
            Assert.True(due > AdalApp.Start.UtcDateTime.AddHours(8));
            before.Clock.SetUtcNow(new DateTimeOffset(due.AddMinutes(-1), TimeSpan.Zero));
            Assert.Equal(0, await before.SlaWatch.RunOnceAsync(default));
        }

        // The process restarted: the deadline lives in the database, so the new process still escalates.
        using var after = new AdalApp();
        after.Settings["ConnectionStrings:Sqlite"] = $"Data Source={file}";
        after.Settings["Adal:KeysPath"] = Path.Combine(Path.GetDirectoryName(file)!, "keys");
        after.Clock.SetUtcNow(new DateTimeOffset(due.AddMinutes(1), TimeSpan.Zero));
        _ = after.Server;
        Assert.Equal(1, await after.SlaWatch.RunOnceAsync(default));
        Assert.Equal(0, await after.SlaWatch.RunOnceAsync(default));

        var (transitions, notified) = await after.InDemoAsync(async (_, db) =>
        {
            var requestId = Guid.Parse(id);
            var actions = await db.Transitions.Where(t => t.RequestId == requestId).Select(t => t.Action).ToListAsync();
            var supervisors = await db.Notifications.Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { n.Subject, u.Email })
                .Where(x => x.Subject == "Өтінімді қарау мерзімі өтті").Select(x => x.Email).ToListAsync();
            return (actions, supervisors);
        });
        Assert.Single(transitions, a => a == "escalate");
        // academic-leave's first step names the approvers as its supervisors: each of them is told.
        Assert.Equal(["approver2@demo.local", "approver@demo.local"], notified.Order(StringComparer.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
