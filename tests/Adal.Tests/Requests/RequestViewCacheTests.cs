using Adal.Features.Requests;
using Adal.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Adal.Tests.Requests;

public sealed class RequestViewCacheTests
{
    private readonly RequestViewCache _cache = Cache(onlyWriter: true);
    private static readonly Actor Applicant = new(Guid.NewGuid(), Guid.NewGuid(), "Нұрланова Әйгерім", new HashSet<string> { Role.Student }, "kk");
    private static readonly Actor Officer = new(Guid.NewGuid(), Guid.NewGuid(), "Жұмабаев Ержан", new HashSet<string> { Role.Officer }, "kk");

    [Fact]
    public void A_stored_view_answers_only_for_its_revision_language_and_audience()
    {
        var request = Request(revision: 3);
        var json = _cache.Store(request, Applicant, "kk", View(request, "ә"), _cache.Epoch);
        Assert.Contains("\"serviceSlug\":\"academic-leave\"", System.Text.Encoding.UTF8.GetString(json));

        Assert.Same(json, _cache.Find(request, Applicant, "kk"));
        Assert.Null(_cache.Find(request, Applicant, "ru"));
        Assert.Null(_cache.Find(request, Officer, "kk"));
        request.Revision++;
        Assert.Null(_cache.Find(request, Applicant, "kk"));
    }

    [Fact]
    public void Memory_stays_within_two_generations_and_a_view_read_again_is_kept()
    {
        var padding = new string('x', 64 * 1024);
        var first = Request(revision: 1);
        _cache.Store(first, Applicant, "en", View(first, padding), _cache.Epoch);
        var kept = Request(revision: 1);
        _cache.Store(kept, Applicant, "en", View(kept, padding), _cache.Epoch);
        var perGeneration = (int)(RequestViewCache.GenerationBytes / padding.Length);
        for (var i = 0; i < 3 * perGeneration; i++)
        {
            var other = Request(revision: 1);
            _cache.Store(other, Applicant, "en", View(other, padding), _cache.Epoch);
            if (i % (perGeneration / 2) == 0) Assert.NotNull(_cache.Find(kept, Applicant, "en"));
        }
        Assert.Null(_cache.Find(first, Applicant, "en"));
        Assert.NotNull(_cache.Find(kept, Applicant, "en"));
    }

    [Fact]
    public void Only_the_applicant_in_the_same_language_is_answered_without_reading_and_only_when_this_process_is_the_only_writer()
    {
        var request = Request(revision: 2);
        var json = _cache.Store(request, Applicant, "kk", View(request, "ү"), _cache.Epoch);

        Assert.Same(json, _cache.FindOwn(request.Id, Applicant.UserId, "kk"));
        Assert.Null(_cache.FindOwn(request.Id, Applicant.UserId, "ru"));
        Assert.Null(_cache.FindOwn(request.Id, Officer.UserId, "kk"));
        Assert.Null(_cache.FindOwn(Guid.NewGuid(), Applicant.UserId, "kk"));

        // Stored for an officer (with names): not the applicant's view, so the applicant's read goes to the database.
        _cache.Store(request, Officer, "kk", View(request, "ү"), _cache.Epoch);
        Assert.Null(_cache.FindOwn(request.Id, Applicant.UserId, "kk"));

        // PostgreSQL, where other nodes may write: every read reads the row.
        var shared = Cache(onlyWriter: false);
        shared.Store(request, Applicant, "kk", View(request, "ү"), shared.Epoch);
        Assert.Null(shared.FindOwn(request.Id, Applicant.UserId, "kk"));
        Assert.NotNull(shared.Find(request, Applicant, "kk"));
    }

    [Fact]
    public async Task A_view_read_before_a_change_is_not_stored_after_the_change_is_marked()
    {
        await using var db = new Adal.Platform.Persistence.SqliteAdalDb(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Adal.Platform.Persistence.SqliteAdalDb>()
            .UseSqlite("Data Source=:memory:;Foreign Keys=False").AddInterceptors(_cache.Changes).Options);
        await db.Database.OpenConnectionAsync();
        await db.Database.EnsureCreatedAsync();
        var request = Request(revision: 1);
        db.Requests.Add(request);
        await db.SaveChangesAsync();
        _cache.Store(request, Applicant, "en", View(request, "old"), _cache.Epoch);

        // A status read takes the row (revision 1) just before an officer's change is saved...
        var epoch = _cache.Epoch;
        var readBefore = Request(revision: 1, id: request.Id);
        request.State = RequestState.NeedsCorrection;
        await db.SaveChangesAsync();
        Assert.Equal(2, request.Revision);
        Assert.Null(_cache.FindOwn(request.Id, Applicant.UserId, "en"));

        // ...and stores its view after it: refused, the change is what the next read must see.
        _cache.Store(readBefore, Applicant, "en", View(readBefore, "old"), epoch);
        Assert.Null(_cache.FindOwn(request.Id, Applicant.UserId, "en"));
        Assert.Null(_cache.Find(readBefore, Applicant, "en"));

        var fresh = _cache.Store(request, Applicant, "en", View(request, "new"), _cache.Epoch);
        Assert.Same(fresh, _cache.FindOwn(request.Id, Applicant.UserId, "en"));
    }

    [Fact]
    public void A_read_that_outlived_two_turnovers_is_not_stored()
    {
        var request = Request(revision: 1);
        var epoch = _cache.Epoch;
        var padding = new string('x', 64 * 1024);
        var perGeneration = (int)(RequestViewCache.GenerationBytes / padding.Length);
        for (var i = 0; i < 2 * perGeneration + 2; i++)
        {
            var other = Request(revision: 1);
            _cache.Store(other, Applicant, "en", View(other, padding), _cache.Epoch);
        }
        Assert.True(_cache.Epoch - epoch >= 2);

        // A marker set during that read could have been dropped with its generation: the view is answered, not kept.
        Assert.NotEmpty(_cache.Store(request, Applicant, "en", View(request, "late"), epoch));
        Assert.Null(_cache.Find(request, Applicant, "en"));
    }

    private static RequestViewCache Cache(bool onlyWriter) => new(Options.Create(new HttpJsonOptions()),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Adal:OnlyWriter"] = onlyWriter ? "true" : "false" }).Build());

    private static ServiceRequest Request(int revision, Guid? id = null) =>
        new() { Id = id ?? Guid.CreateVersion7(), ServiceSlug = "academic-leave", ApplicantId = Applicant.UserId, Revision = revision };

    private static RequestView View(ServiceRequest request, string comment) =>
        new(request.Id, request.ServiceSlug, "Academic leave", 1, "in_review", "kk", new Dictionary<string, string> { ["comment"] = comment },
            DateTime.UtcNow, DateTime.UtcNow, null, null, null, [], []);
}
