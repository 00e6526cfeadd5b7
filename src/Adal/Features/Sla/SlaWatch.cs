using Adal.Features.Catalog;
using Adal.Features.Requests;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Sla;

/// <summary>
/// Every minute: escalates steps past their SLA deadline and offers unassigned requests again. Deadlines live in
/// the database (ServiceRequest.StepDueAt), so a restart loses no timer: the first pass after it catches up.
/// </summary>
public sealed class SlaWatch(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<SlaWatch> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(configuration.GetValue("Adal:SlaWatchSeconds", 60));
        using var timer = new PeriodicTimer(period, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "SLA watch pass failed; the next pass retries");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over every university; returns how many steps it escalated.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        List<(Guid Id, string Slug)> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
            tenants = (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(ct)).Select(t => (t.Id, t.Slug)).ToList();
        }
        var escalated = 0;
        foreach (var (id, slug) in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(id, slug);
            var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
            var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
            var catalog = scope.ServiceProvider.GetRequiredService<CatalogProvider>();
            var versions = scope.ServiceProvider.GetRequiredService<CatalogVersions>();
            var now = clock.GetUtcNow().UtcDateTime;
            var overdue = await db.Requests
                .Where(r => r.State == RequestState.InReview && r.EscalatedAt == null && r.StepDueAt != null && r.StepDueAt <= now)
                .OrderBy(r => r.StepDueAt).Take(500).ToListAsync(ct);
            var unassigned = await db.Requests
                .Where(r => r.State == RequestState.Submitted && r.AssigneeId == null)
                .OrderBy(r => r.SubmittedAt).Take(500).ToListAsync(ct);
            foreach (var request in overdue.Concat(unassigned))
            {
                var service = await versions.FindAsync(db, catalog.Current, request.ServiceSlug, request.DefinitionVersion, ct);
                if (service is null) continue;
                if (request.State == RequestState.InReview)
                {
                    await workflow.EscalateAsync(request, service, ct);
                    escalated++;
                }
                else await workflow.RetryAssignmentAsync(request, service, ct);
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // An officer acted on one of these cases meanwhile; the next pass looks again.
            }
        }
        return escalated;
    }
}
