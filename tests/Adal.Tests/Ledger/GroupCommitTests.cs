using System.Security.Cryptography;
using Adal.Features.Documents;
using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Features.Notifications;
using Adal.Features.Requests;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Adal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adal.Tests.Ledger;

/// <summary>
/// Many requests committing at once share commits (group commit): every one is answered only with its rows and its
/// entries durable, each gets its own consecutive indexes, and one that fails takes nobody else with it.
/// </summary>
public abstract class GroupCommitTests<TApp>(TApp app) where TApp : AdalApp
{
    [Fact]
    public async Task Concurrent_submissions_each_commit_with_their_entries_and_the_log_stays_whole()
    {
        var student = await app.SignedInAsync("student@demo.local");
        var (tenant, sizeBefore) = await app.InDemoAsync(async (_, db) => await db.LedgerStates.Select(s => new { s.TenantId, s.Size }).SingleAsync() is var s ? (s.TenantId, s.Size) : default);
        var batches = new List<int>();
        var together = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter == GroupCommit.Meter) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            lock (batches)
                if (instrument.Name == "adal.ledger.units_per_commit") batches.Add(value);
                else if (tags.ToArray().Contains(new("tenant", tenant))) together += value;
        });
        listener.Start();

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Cases.ApplyAsync(student, i % 3 == 0
            ? new { serviceSlug = "academic-leave", fields = Cases.AcademicLeaveFields() }
            : (object)new { serviceSlug = "certificate-of-study", fields = new { purpose = "visa", copies = 1 + i % 2 } })));

        // Requests that arrived while a commit was under way went together in the next one.
        lock (batches) Assert.Contains(batches, size => size > 1);
        // A filing only adds rows: every one went in with the other filings of its commit, not through EF Core's save.
        lock (batches) Assert.Equal(24, together);
        var numbers = answers.Select(a => a["documentNumber"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.Equal(16, numbers.Count);
        Assert.All(answers, a => Assert.Contains(a["state"]!.GetValue<string>(), new[] { "issued", "in_review" }));
        var (sizeAfter, documents) = await app.InDemoAsync(async (_, db) =>
            (await db.LedgerStates.Select(s => s.Size).SingleAsync(), await db.Documents.AsNoTracking().Where(d => numbers.Contains(d.Number)).ToListAsync()));
        // A certificate: filed, decided automatically, issued. Academic leave: filed (the officer decides later).
        Assert.Equal(sizeBefore + 16 * 3 + 8, sizeAfter);

        // Each PDF prints its own index, and the leaf at that index holds that PDF's hash.
        Assert.Equal(16, documents.Select(d => d.LedgerIndex).Distinct().Count());
        foreach (var document in documents)
        {
            var leaf = await app.InDemoAsync((_, db) => EntryBundles.LeafAsync(db, tenant, document.LedgerIndex!.Value, default));
            Assert.True(LedgerEntry.TryDecode(leaf, out var entry, out _));
            Assert.Equal(LedgerEventTypes.DocumentIssued, entry!.EventType);
            Assert.Equal(document.Number, entry.Field("document")!.AsText());
            var pdf = await app.InDemoAsync((services, db) => services.GetRequiredService<DocumentFiles>().PdfAsync(db, document, default));
            Assert.Equal(SHA256.HashData(pdf), entry.Field("sha256")!.Value.ToArray());
        }
        var audit = await app.InDemoAsync((_, db) => new LedgerAudit(db).RunAsync(tenant, "demo", default));
        Assert.True(audit.Intact, audit.Divergence);
    }

    [Fact]
    public async Task Only_a_unit_of_work_that_adds_and_changes_nothing_is_written_together()
    {
        var (added, afterChange) = await app.InDemoAsync(async (_, db) =>
        {
            var user = await db.Users.FirstAsync(u => u.Email == "student@demo.local");
            db.Notifications.Add(new Notification { Id = Guid.NewGuid(), TenantId = user.TenantId, UserId = user.Id, Subject = "s", Body = "b", CreatedAt = DateTime.UtcNow });
            db.Notifications.Add(new Notification { Id = Guid.NewGuid(), TenantId = user.TenantId, UserId = user.Id, Subject = "s", Body = "b", CreatedAt = DateTime.UtcNow });
            var rows = AddedRows.Of(db)?.Count;
            // Changed in place, without telling EF Core: the check detects it, and the unit goes EF Core's way.
            user.FullName += " Jr";
            return (rows, AddedRows.Of(db)?.Count);
        });
        Assert.Equal(2, added);
        Assert.Null(afterChange);
    }

    [Fact]
    public async Task Inserted_rows_are_written_as_they_are_only_when_nothing_else_changed_and_their_keys_agree()
    {
        var (untracked, misnamed, misnamedFixed, beside, besideTracked) = await app.InDemoAsync(async (_, db) =>
        {
            var user = await db.Users.FirstAsync(u => u.Email == "student@demo.local");
            ServiceRequest NewRequest(Guid? transitionRequestId = null)
            {
                var request = new ServiceRequest { Id = Guid.CreateVersion7(), TenantId = user.TenantId, ServiceSlug = "certificate-of-study", ApplicantId = user.Id, CreatedAt = DateTime.UtcNow };
                request.Transitions.Add(new RequestTransition { TenantId = user.TenantId, RequestId = transitionRequestId ?? request.Id, Action = "create", At = DateTime.UtcNow });
                return request;
            }

            // A filing's rows: nothing else changed, the timeline names its request. Written without EF Core tracking them.
            db.Insert(NewRequest());
            var untracked = (AddedRows.Of(db)?.Count, db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added));
            db.ForgetInserted();

            // A timeline row that names another request: EF Core decides, and its fix-up gives the row its request.
            var misnamedRequest = NewRequest(transitionRequestId: Guid.NewGuid());
            db.Insert(misnamedRequest);
            var misnamed = (AddedRows.Of(db)?.Count, db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added));
            var misnamedFixed = misnamedRequest.Transitions[0].RequestId == misnamedRequest.Id;
            db.ChangeTracker.Clear();

            // Beside a change to an existing row: the unit goes EF Core's way, with the inserted rows tracked as added.
            (await db.Users.FirstAsync(u => u.Id == user.Id)).FullName += " Jr";
            db.Insert(NewRequest());
            var beside = AddedRows.Of(db)?.Count;
            var besideTracked = db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added);
            db.ChangeTracker.Clear();
            return (untracked, misnamed, misnamedFixed, beside, besideTracked);
        });
        Assert.Equal((2, 0), untracked);
        Assert.Equal((2, 2), misnamed);
        Assert.True(misnamedFixed);
        Assert.Null(beside);
        Assert.Equal(2, besideTracked);
    }

    [Fact]
    public async Task A_unit_of_work_that_fails_beside_others_fails_alone()
    {
        var student = await app.SignedInAsync("student@demo.local");
        var (tenant, sizeBefore) = await app.InDemoAsync(async (_, db) => await db.LedgerStates.Select(s => new { s.TenantId, s.Size }).SingleAsync() is var s ? (s.TenantId, s.Size) : default);

        // A unit with a ledger event whose rows break a unique index, sent among good submissions, again and again.
        var broken = Enumerable.Range(0, 4).Select(_ => app.InDemoAsync(async (services, db) =>
        {
            db.Users.Add(new User { Id = Guid.NewGuid(), TenantId = tenant, Email = "officer@demo.local", FullName = "Duplicate" });
            services.GetRequiredService<LedgerRecorder>().Record(new LedgerDraft(LedgerEventTypes.RoleGranted, DateTimeOffset.UtcNow).Text("role", "admin"));
            return await db.SaveChangesAsync();
        })).ToList();
        var good = Enumerable.Range(0, 12).Select(_ => Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = "employer", copies = 1 } })).ToList();

        foreach (var failure in broken) await Assert.ThrowsAnyAsync<DbUpdateException>(() => failure);
        var issued = await Task.WhenAll(good);
        Assert.All(issued, a => Assert.Equal("issued", a["state"]!.GetValue<string>()));

        var (sizeAfter, stored, duplicates) = await app.InDemoAsync(async (_, db) => (
            await db.LedgerStates.Select(s => s.Size).SingleAsync(),
            (await EntryBundles.RangeAsync(db, tenant, 0, long.MaxValue - 1, default)).Count,
            await db.Users.CountAsync(u => u.FullName == "Duplicate")));
        Assert.Equal(sizeBefore + 12 * 3, sizeAfter);
        Assert.Equal(sizeAfter, stored);
        Assert.Equal(0, duplicates);
        var audit = await app.InDemoAsync((_, db) => new LedgerAudit(db).RunAsync(tenant, "demo", default));
        Assert.True(audit.Intact, audit.Divergence);
    }
}

public sealed class GroupCommitOnSqlite(AdalApp app) : GroupCommitTests<AdalApp>(app), IClassFixture<AdalApp>;

public sealed class GroupCommitOnPostgres(PostgresApp app) : GroupCommitTests<PostgresApp>(app), IClassFixture<PostgresApp>;
