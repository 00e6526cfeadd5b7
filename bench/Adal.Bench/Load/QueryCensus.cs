using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Adal.Bench.Load;

/// <summary>One operation seen alone on an idle server: its SQL commands (EF Core's own log) and its latency.</summary>
internal sealed record CensusLine(string Operation, int Samples, double Commands, double DatabaseMs, double MedianMs);

/// <summary>
/// What each operation costs when nothing else runs, observed from outside: a second start of the same host on the
/// same database with EF Core's command log on (Microsoft.EntityFrameworkCore.Database.Command at Information), one
/// operation at a time, counting the "Executed DbCommand (N ms)" lines each one leaves. Nothing in the host changes.
/// Latencies here include writing that log; they show the shape (which operation is slow alone), not the rates.
/// </summary>
internal static partial class QueryCensus
{
    public const string PhaseName = "query census";

    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
    };

    [GeneratedRegex(@"Executed DbCommand \((\d+)ms\)")]
    private static partial Regex ExecutedCommand();

    public static async Task<(List<CensusLine> Lines, PhaseResult Requests)> TakeAsync(AdalServer server, LoadAccounts accounts, int samples)
    {
        var watch = Stopwatch.StartNew();
        using var client = new LoadClient(server.BaseAddress, 1);
        var traffic = new RegistrationDayTraffic(client, accounts);
        var errors = new PhaseErrors();
        var log = new WorkerLog(errors);
        var student = new StudentSession();
        await traffic.SignInAsync(log, student);
        var officer = await BusyOfficerAsync(traffic, accounts, log);
        var lines = new List<CensusLine>();

        async Task Observe(string operation, Func<Task> action)
        {
            var commands = new List<(int Count, int Ms)>();
            var latencies = new List<double>();
            for (var i = 0; i < samples; i++) await action(); // unobserved: the JIT's first, slow tiers are not this operation's cost
            for (var i = 0; i < samples; i++)
            {
                await QuietAsync(server);
                var from = server.LogLength;
                var started = Stopwatch.GetTimestamp();
                await action();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                await QuietAsync(server);
                var executed = ExecutedCommand().Matches(server.ReadLog(from));
                commands.Add((executed.Count, executed.Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))));
            }
            latencies.Sort();
            lines.Add(new CensusLine(operation, samples, commands.Average(c => c.Count), commands.Average(c => c.Ms), latencies[latencies.Count / 2]));
        }

        await Observe(RegistrationDayTraffic.Ping, () => traffic.PingAsync(log, student));
        await Observe(RegistrationDayTraffic.Search, () => traffic.SearchAsync(log, student));
        await Observe("sign-in (+ my requests)", () => traffic.SignInAsync(log, student));
        await Observe(RegistrationDayTraffic.Status, () => traffic.StatusAsync(log, student));
        foreach (var kind in RegistrationDayTraffic.SubmissionKinds)
            await Observe(RegistrationDayTraffic.SubmitPrefix + kind, () => traffic.SubmitAsync(log, student, kind));
        await Observe("officer's turn: queue + case + decision", () => traffic.StaffStepAsync(log, officer));
        // Its requests count like any phase's: a failure here fails the run.
        var operations = log.Ticks.Keys.Union(log.Errors.Keys)
            .Select(op => LoadPhase.Result(op, (log.Ticks.GetValueOrDefault(op) ?? []).Order().ToArray(), log.Errors.GetValueOrDefault(op), watch.Elapsed.TotalSeconds)).ToList();
        var end = server.Sample();
        return (lines, new PhaseResult(PhaseName, 1, watch.Elapsed.TotalSeconds, operations, errors.Samples, 0, 0, end, end.Threads));
    }

    /// <summary>The first officer with a case in their queue, so the officer's turn includes a decision.</summary>
    private static async Task<StaffSession> BusyOfficerAsync(RegistrationDayTraffic traffic, LoadAccounts accounts, WorkerLog log)
    {
        StaffSession? officer = null;
        foreach (var email in accounts.StaffByRole[Adal.Platform.Identity.Role.Officer])
        {
            officer = new StaffSession(email, Adal.Platform.Identity.Role.Officer);
            await traffic.SignInAsync(log, officer);
            if (await traffic.QueueLengthAsync(log, officer) > 0) break;
        }
        return officer!;
    }

    /// <summary>Waits until the server has written nothing for 150 ms, so a log line is not counted against the wrong operation.</summary>
    private static async Task QuietAsync(AdalServer server)
    {
        var length = server.LogLength;
        for (var quiet = 0; quiet < 3;)
        {
            await Task.Delay(50);
            var now = server.LogLength;
            quiet = now == length ? quiet + 1 : 0;
            length = now;
        }
    }
}
