using Adal.Features.Assignment;
using Adal.Features.Requests;
using Adal.Platform;
using Adal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adal.Tests.Requests;

public sealed class AssignmentTests(AdalApp app) : IClassFixture<AdalApp>
{
    [Fact]
    public void Weighted_choice_favours_the_least_loaded_but_never_makes_anyone_certain()
    {
        Guid idle = Guid.NewGuid(), busy = Guid.NewGuid(), swamped = Guid.NewGuid();
        var loads = new Dictionary<Guid, int> { [idle] = 0, [busy] = 3, [swamped] = 10 };
        var random = new SeededRandomSource(42);
        var picks = Enumerable.Range(0, 20_000).Select(_ => OfficerAssignment.Pick([idle, busy, swamped], id => loads[id], random))
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

        // Weights 1, 1/16, 1/121: about 93%, 6% and 0.8%.
        Assert.InRange(picks[idle], 18_000, 19_200);
        Assert.InRange(picks[busy], 900, 1_500);
        Assert.InRange(picks[swamped], 80, 250);
    }

    [Fact]
    public async Task Equal_loads_spread_cases_at_random_and_a_declared_conflict_is_never_assigned()
    {
        // s0007 is a relative of officer2 (seeded declaration): that officer must never get their cases.
        var assignees = await app.InDemoAsync(async (services, db) =>
        {
            var applicant = await db.Users.SingleAsync(u => u.Email == "s0007@demo.local");
            var assignment = services.GetRequiredService<OfficerAssignment>();
            var officers = new List<Guid>();
            var approvers = new List<Guid>();
            for (var i = 0; i < 300; i++)
            {
                officers.Add((await assignment.ChooseAsync("officer", applicant.Id, [], default))!.Value);
                approvers.Add((await assignment.ChooseAsync("approver", applicant.Id, [], default))!.Value);
            }
            return (officers, approvers);
        });
        var officer2 = await app.InDemoAsync((_, db) => db.Users.Where(u => u.Email == "officer2@demo.local").Select(u => u.Id).SingleAsync());

        Assert.DoesNotContain(officer2, assignees.officers);
        Assert.Equal(2, assignees.officers.Distinct().Count());
        // Approvers carry no open cases here: equal weights, an even spread.
        var counts = assignees.approvers.GroupBy(a => a).Select(g => g.Count()).ToList();
        Assert.Equal(2, counts.Count);
        Assert.All(counts, c => Assert.InRange(c, 110, 190));
    }

    [Fact]
    public async Task The_applicant_and_excluded_people_are_never_chosen_and_nobody_eligible_means_waiting()
    {
        var outcome = await app.InDemoAsync(async (services, db) =>
        {
            var assignment = services.GetRequiredService<OfficerAssignment>();
            var approvers = await db.Users.Where(u => u.Roles.Any(r => r.Role == "approver")).Select(u => u.Id).ToListAsync();
            var student = await db.Users.SingleAsync(u => u.Email == "student@demo.local");
            var onlyOther = await assignment.ChooseAsync("approver", student.Id, [approvers[0]], default);
            var none = await assignment.ChooseAsync("approver", student.Id, approvers, default);
            var self = await assignment.ChooseAsync("approver", approvers[0], [approvers[1]], default);
            return (onlyOther, expected: approvers[1], none, self);
        });
        Assert.Equal(outcome.expected, outcome.onlyOther);
        Assert.Null(outcome.none);
        Assert.Null(outcome.self);
    }

    [Fact]
    public async Task Open_cases_weigh_on_the_next_assignment()
    {
        var result = await app.InDemoAsync(async (services, db) =>
        {
            var workflow = services.GetRequiredService<RequestWorkflow>();
            var student = await Scopes.ActorAsync(db, "student@demo.local");
            var assignees = new List<Guid>();
            for (var i = 0; i < 30; i++)
            {
                var created = await workflow.CreateAsync(student, "academic-leave",
                    new Dictionary<string, string?> { ["leaveReason"] = "medical", ["startDate"] = "2027-01-15", ["endDate"] = "2027-12-31" }, [], true, "en", default);
                assignees.Add(created.Value!.AssigneeId!.Value);
            }
            return assignees.GroupBy(a => a).Select(g => g.Count()).ToList();
        });
        // Thirty cases on three officers: load balancing keeps them close to ten each.
        Assert.Equal(3, result.Count);
        Assert.All(result, c => Assert.InRange(c, 6, 14));
    }
}
