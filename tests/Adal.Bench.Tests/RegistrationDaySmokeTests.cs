using Adal.Bench.Load;

namespace Adal.Bench.Tests;

/// <summary>
/// The registration-day benchmark at CI size (200 students, 2,000 past requests, 5 s on 8 connections): the whole
/// harness — seeding, the storage ceiling, the host as its own process, every phase of traffic — must run to the
/// end without one failed request. Nothing here is about speed; docs/benchmarks.md holds the measured figures.
/// </summary>
public sealed class RegistrationDaySmokeTests
{
    [Fact]
    public async Task A_small_registration_day_on_SQLite_completes_without_a_failed_request() =>
        AssertCompleted(await LoadBenchmark.RunAsync(LoadOptions.SmokeRun()));

    [Fact]
    public async Task A_small_registration_day_on_PostgreSQL_completes_without_a_failed_request()
    {
        var server = Environment.GetEnvironmentVariable("ADAL_TEST_POSTGRES")
            ?? throw new InvalidOperationException("ADAL_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL.");
        AssertCompleted(await LoadBenchmark.RunAsync(LoadOptions.SmokeRun(server)));
    }

    private static void AssertCompleted(LoadRun run)
    {
        Assert.True(run.Errors == 0, $"{run.Errors} requests failed:\n{string.Join("\n", run.Phases.SelectMany(p => p.ErrorSamples))}");
        foreach (var name in new[] { LoadBenchmark.CeilingBefore(LoadBenchmark.SearchOnly), LoadBenchmark.SearchOnly, LoadBenchmark.StatusOnly, LoadBenchmark.SubmitOnly, LoadBenchmark.Mix })
            Assert.True(run.Phase(name).Count > 0, $"The phase '{name}' sent no request.");
        Assert.Contains(run.Phase(LoadBenchmark.Mix).Operations, o => o.Operation.StartsWith(RegistrationDayTraffic.SubmitPrefix, StringComparison.Ordinal));
    }
}
