using Microsoft.EntityFrameworkCore;

namespace Adal.Platform.Persistence;

/// <summary>
/// Keeps SQLite's planner statistics (sqlite_stat1) current. Without them SQLite guesses that every index narrows a
/// search well, and picks the tenant index — one university, so every row — over the primary key: finding a person's
/// roles read all 50,000 students' rows. ANALYZE with an analysis limit samples each index instead of reading it whole
/// (tens of milliseconds on a 4 GB database), so it runs at start-up and every half hour as the data grows.
/// PostgreSQL's autovacuum keeps its own statistics; there this does nothing.
/// </summary>
public sealed class SqliteStatistics(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SqliteStatistics> log) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(30);

    public static async Task RefreshAsync(AdalDb db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;", ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RefreshAsync(scope.ServiceProvider.GetRequiredService<AdalDb>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Refreshing SQLite's planner statistics failed; the next pass retries");
            }
        }
    }
}
