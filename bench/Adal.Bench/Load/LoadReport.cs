using System.Globalization;
using System.Text;

namespace Adal.Bench.Load;

/// <summary>
/// The run as Markdown — printed, and written to docs/benchmarks.md for a full run. Each figure stands beside
/// its ceiling from the same run (shared machines are noisy; ratios travel better than absolutes) and its target.
/// </summary>
internal static class LoadReport
{
    private const double MiB = 1024 * 1024;

    public static void Print(LoadRun run)
    {
        Console.WriteLine();
        Console.WriteLine(Markdown(run));
    }

    public static string Markdown(LoadRun run)
    {
        var o = run.Options;
        var text = new StringBuilder();
        void Line(string line = "") => text.AppendLine(line);
        var pingPhase = run.Ceiling;
        var ping = pingPhase.Operations.Single();
        var search = run.Phase(LoadBenchmark.SearchOnly).Group(RegistrationDayTraffic.Search, "catalogue searches");
        var status = run.Phase(LoadBenchmark.StatusOnly).Group(RegistrationDayTraffic.Status, "status reads");
        var submitPhase = run.Phase(LoadBenchmark.SubmitOnly);
        var submit = submitPhase.Group(RegistrationDayTraffic.SubmitPrefix, "submissions (all services)");
        var mix = run.Phase(LoadBenchmark.Mix);
        var signIn = run.Phase(LoadBenchmark.SignIn);
        var c = run.Ceilings;

        Line(F($"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {BenchmarkReport.Machine()}; server and load generator share the cores, ") +
             F($"and other processes on the machine took {run.Phases.Where(p => p.Name != QueryCensus.PhaseName).Average(p => p.NeighbourCores):F2} cores on average during the phases (steal {run.Phases.Where(p => p.Name != QueryCensus.PhaseName).Average(p => p.StealCores):F2})."));
        Line(F($"Command: `dotnet run -c Release --project bench/Adal.Bench -- load{(o.Postgres is null ? "" : " --postgres \"…\"")} --students {o.Students} --past-requests {o.PastRequests} --seconds {o.Seconds} --connections {o.Connections}{string.Concat((o.HostEnvironment ?? new Dictionary<string, string>()).Select(e => $" --host-env {e.Key}={e.Value}"))}`."));
        Line(F($"Database: {run.Database} — {c.Durability}; the host's own connections: {c.HostSynchronous}."));
        var staff = run.Seed.Accounts.StaffByRole.Values.SelectMany(a => a).Distinct().Count();
        Line(F($"Data: {o.Students:N0} students, {staff} staff accounts, {o.PastRequests:N0} past requests with transitions and a ledger of {run.Seed.LedgerSize:N0} entries ({run.Seed.RowsWritten:N0} rows). ") +
             F($"Seeded in {(run.Seed.HostPreparation + run.Seed.People + run.Seed.History).TotalSeconds:F0} s (host start-up and demo {run.Seed.HostPreparation.TotalSeconds:F1} s, people {run.Seed.People.TotalSeconds:F1} s, history {run.Seed.History.TotalSeconds:F1} s); {run.DatabaseBytes / MiB:N0} MiB on disk at the end."));
        Line(F($"Host: `adal.dll`, Production, started in {run.ServerStart.TotalSeconds:F1} s; peak resident memory (VmHWM) **{run.ServerAtEnd.PeakResidentBytes / MiB:N0} MiB**, {run.ServerAtEnd.ResidentBytes / MiB:N0} MiB at the end ({run.ServerAtEnd.AnonymousBytes / MiB:N0} MiB anonymous, {run.ServerAtEnd.FileBytes / MiB:N0} MiB mapped files)."));
        Line();
        Line("| ceiling, same run | figure |");
        Line("| --- | --- |");
        Line(F($"| trivial endpoint `GET /api/ping` (bearer), {o.Connections} connections, {pingPhase.Seconds:F1} s in three slices | **{ping.PerSecond:N0}/s**, p50 {ping.P50Ms:F1} ms, p99 {ping.P99Ms:F1} ms; server {Cpu(pingPhase)}, load generator {pingPhase.ClientCores:F2} cores |"));
        if (run.Wrk is { } wrk)
            Line(F($"| the same endpoint driven by wrk -t2 -c{o.Connections} instead (a load generator in C; the gap is HttpClient's own cost on the shared cores) | {wrk.PerSecond:N0}/s, p99 {wrk.P99Ms:F1} ms, {wrk.Errors} errors; server {wrk.ServerCores:F2} cores |"));
        Line(F($"| storage: one request row per transaction | **{c.SingleRowCommitsPerSecond:N0} commits/s** |"));
        Line(F($"| storage: 100 request rows per transaction | **{c.BatchedRowsPerSecond:N0} rows/s** |"));
        Line(F($"| PBKDF2 password check (sign-in), one core | {c.PasswordChecksPerSecondPerCore:N0}/s; × {Environment.ProcessorCount} cores = {c.PasswordChecksPerSecondPerCore * Environment.ProcessorCount:N0}/s |"));
        Line();
        Line(F($"Each operation alone ({o.Connections} connections, {o.PhaseLength.TotalSeconds:F0} s each):"));
        Line();
        Line(F($"| operation | rate | p50 | p95 | p99 | errors | server CPU{(o.Postgres is null ? "" : " + PostgreSQL")} | neighbours, steal | server CPU per request | ÷ trivial endpoint just before: rate | … CPU per request | ÷ storage ceiling |"));
        Line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        Line(F($"| {ping.Operation} (all slices) | {ping.PerSecond:N0}/s | {ping.P50Ms:F1} ms | {ping.P95Ms:F1} ms | {ping.P99Ms:F1} ms | {ping.Errors} | {Cpu(pingPhase)} | {Others(pingPhase)} | {CpuPerRequest(pingPhase)} | 100% | 100% | — |"));
        void Alone(OperationResult? r, PhaseResult phase, string storage)
        {
            var before = run.CeilingFor(phase.Name);
            Line(r is null ? "| (none) |" : F($"| {r.Operation} | **{r.PerSecond:N0}/s** | {r.P50Ms:F1} ms | {r.P95Ms:F1} ms | {r.P99Ms:F1} ms | {r.Errors} | {Cpu(phase)} | {Others(phase)} | {CpuPerRequest(phase)} | ") +
                F($"**{Ratio(r.PerSecond, before.PerSecond)}** of {before.PerSecond:N0}/s | {Ratio(CpuSecondsPerRequest(before), CpuSecondsPerRequest(phase))} | {storage} |"));
        }
        Alone(search, run.Phase(LoadBenchmark.SearchOnly), "—");
        Alone(status, run.Phase(LoadBenchmark.StatusOnly), "—");
        Alone(submit, submitPhase, submit is null ? "—" : F($"{Ratio(submit.PerSecond, c.SingleRowCommitsPerSecond)} of single-row commits, {Ratio(submit.PerSecond, c.BatchedRowsPerSecond)} of batched rows"));
        foreach (var part in submitPhase.Operations.Where(op => op.Operation.StartsWith(RegistrationDayTraffic.SubmitPrefix, StringComparison.Ordinal)))
            Line(F($"| · {part.Operation} | {part.PerSecond:N0}/s | {part.P50Ms:F1} ms | {part.P95Ms:F1} ms | {part.P99Ms:F1} ms | {part.Errors} | | | | | | |"));
        Line();
        Line(F($"The registration-day mix ({mix.Workers} connections: {o.Connections - o.StaffConnections} students, {o.StaffConnections} staff; {mix.Seconds:F0} s): ") +
             F($"**{mix.PerSecond:N0} requests/s**, {mix.Errors} errors; server {Cpu(mix)}, load generator {mix.ClientCores:F2} cores; other processes {Others(mix)}."));
        Line();
        Line("| operation | count | rate | p50 | p95 | p99 | errors |");
        Line("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in mix.Operations)
            Line(F($"| {r.Operation} | {r.Count:N0} | {r.PerSecond:N1}/s | {r.P50Ms:F1} ms | {r.P95Ms:F1} ms | {r.P99Ms:F1} ms | {r.Errors} |"));
        var signInOp = signIn.Operations.FirstOrDefault(op => op.Operation == "sign-in");
        if (signInOp is not null)
            Line(F($"\nSign-in of {signIn.Workers} people at once: p50 {signInOp.P50Ms:F0} ms, p99 {signInOp.P99Ms:F0} ms ({signInOp.PerSecond:N0}/s; the PBKDF2 ceiling above is {c.PasswordChecksPerSecondPerCore * Environment.ProcessorCount:N0}/s)."));
        Line();
        Line("Each operation alone on an idle host (the query census: a second start of the host with EF Core's command log on):");
        Line();
        Line("| operation | SQL commands | EF Core's logged command time (to the first row), ms | latency (median, log on) |");
        Line("| --- | --- | --- | --- |");
        foreach (var census in run.Census)
            Line(F($"| {census.Operation} | {census.Commands:F1} | {census.DatabaseMs:F1} | {census.MedianMs:F1} ms |"));
        Line();
        Line("| target (issue 5) | measured | |");
        Line("| --- | --- | --- |");
        void Target(string name, string measured, bool met) => Line($"| {name} | {measured} | {(met ? "met" : "**not met**")} |");
        if (submit is not null)
        {
            Target("≥ 5,000 durable submissions/s", F($"{submit.PerSecond:N0}/s ({Ratio(submit.PerSecond, 5000)} of target)"), submit.PerSecond >= 5000);
            Target("submissions: p99 < 50 ms", F($"{submit.P99Ms:F0} ms"), submit.P99Ms < 50);
            var before = run.CeilingFor(LoadBenchmark.SubmitOnly).PerSecond;
            Target("submissions ≥ 25% of the trivial endpoint", Ratio(submit.PerSecond, before), submit.PerSecond >= 0.25 * before);
        }
        foreach (var (read, phaseName) in new[] { (status, LoadBenchmark.StatusOnly), (search, LoadBenchmark.SearchOnly) })
        {
            if (read is null) continue;
            var before = run.CeilingFor(phaseName).PerSecond;
            Target(F($"≥ 15,000 {read.Operation}/s"), F($"{read.PerSecond:N0}/s ({Ratio(read.PerSecond, 15000)} of target)"), read.PerSecond >= 15000);
            Target(F($"{read.Operation}: p99 < 20 ms"), F($"{read.P99Ms:F1} ms"), read.P99Ms < 20);
            Target(F($"{read.Operation} ≥ 40% of the trivial endpoint"), Ratio(read.PerSecond, before), read.PerSecond >= 0.40 * before);
        }
        Target(F($"peak RSS < 300 MB with 1,000,000 requests stored ({o.PastRequests:N0} seeded here)"), F($"{run.ServerAtEnd.PeakResidentBytes / 1e6:N0} MB"),
            run.ServerAtEnd.PeakResidentBytes < 300e6 && o.PastRequests >= 1_000_000);
        Target("zero errors", F($"{run.Errors}"), run.Errors == 0);
        var samples = run.Phases.SelectMany(p => p.ErrorSamples.Select(e => $"{p.Name}: {e}")).Take(10).ToList();
        if (samples.Count > 0)
        {
            Line();
            Line("First errors:");
            foreach (var sample in samples) Line($"- `{sample.ReplaceLineEndings(" ")}`");
        }
        return text.ToString();
    }

    private static string Others(PhaseResult phase) => F($"{phase.NeighbourCores:F2}, {phase.StealCores:F2}");

    // With the host's peak resident memory so far: which phase sets the run's peak.
    private static string Cpu(PhaseResult phase) =>
        F($"{phase.ServerCores:F2} cores ({phase.PeakThreads} threads, peak RSS so far {phase.ServerAtEnd.PeakResidentBytes / MiB:N0} MiB)")
        + (phase.DatabaseCores > 0 ? F($" + {phase.DatabaseCores:F2}") : "");

    /// <summary>
    /// Server CPU time per answered request: the phase's CPU seconds (the host's, and PostgreSQL's when it runs beside
    /// it) over all the phase's requests. Neighbours on a shared machine change how much CPU a phase gets, far less
    /// what each request costs, so this ratio is the steadier of the two.
    /// </summary>
    private static double CpuSecondsPerRequest(PhaseResult phase) =>
        phase.Count == 0 ? double.NaN : (phase.ServerCores + phase.DatabaseCores) * phase.Seconds / phase.Count;

    private static string CpuPerRequest(PhaseResult phase) => F($"{1000 * CpuSecondsPerRequest(phase):F2} ms");

    private static string Ratio(double value, double ceiling) => ceiling <= 0 ? "—" : F($"{100 * value / ceiling:F1}%");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
