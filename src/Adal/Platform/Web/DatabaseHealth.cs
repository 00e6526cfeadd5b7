using Adal.Platform.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Adal.Platform.Web;

/// <summary>Ready means the database answers; live means only that the process does.</summary>
public sealed class DatabaseHealth(AdalDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
}
