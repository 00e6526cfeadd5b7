using Adal.Features.Requests;
using Adal.Platform.Identity;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Adal.Tests.Requests;

public sealed class RequestViewCacheTests
{
    private readonly RequestViewCache _cache = new(Options.Create(new HttpJsonOptions()));
    private static readonly Actor Applicant = new(Guid.NewGuid(), Guid.NewGuid(), "Нұрланова Әйгерім", new HashSet<string> { Role.Student }, "kk");
    private static readonly Actor Officer = new(Guid.NewGuid(), Guid.NewGuid(), "Жұмабаев Ержан", new HashSet<string> { Role.Officer }, "kk");

    [Fact]
    public void A_stored_view_answers_only_for_its_revision_language_and_audience()
    {
        var request = Request(revision: 3);
        var json = _cache.Store(request, Applicant, "kk", View(request, "ә"));
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
        _cache.Store(first, Applicant, "en", View(first, padding));
        var kept = Request(revision: 1);
        _cache.Store(kept, Applicant, "en", View(kept, padding));
        var perGeneration = (int)(RequestViewCache.GenerationBytes / padding.Length);
        for (var i = 0; i < 3 * perGeneration; i++)
        {
            var other = Request(revision: 1);
            _cache.Store(other, Applicant, "en", View(other, padding));
            if (i % (perGeneration / 2) == 0) Assert.NotNull(_cache.Find(kept, Applicant, "en"));
        }
        Assert.Null(_cache.Find(first, Applicant, "en"));
        Assert.NotNull(_cache.Find(kept, Applicant, "en"));
    }

    private static ServiceRequest Request(int revision) =>
        new() { Id = Guid.CreateVersion7(), ServiceSlug = "academic-leave", ApplicantId = Applicant.UserId, Revision = revision };

    private static RequestView View(ServiceRequest request, string comment) =>
        new(request.Id, request.ServiceSlug, "Academic leave", 1, "in_review", "kk", new Dictionary<string, string> { ["comment"] = comment },
            DateTime.UtcNow, DateTime.UtcNow, null, null, null, [], []);
}
