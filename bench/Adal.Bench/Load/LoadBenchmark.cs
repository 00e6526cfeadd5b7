using System.Diagnostics;
using Adal.Platform.Identity;

namespace Adal.Bench.Load;

/// <summary>Everything one registration-day run measured, for the report and for the smoke test.</summary>
internal sealed record LoadRun(
    LoadOptions Options, string Database, SeedResult Seed, Ceilings Ceilings, TimeSpan ServerStart,
    IReadOnlyList<PhaseResult> Phases, WrkResult? Wrk, ProcessSample ServerAtEnd, long DatabaseBytes, IReadOnlyList<CensusLine> Census)
{
    public int Errors => Phases.Sum(p => p.Errors) + (Wrk?.Errors ?? 0);
    public PhaseResult Phase(string name) => Phases.Single(p => p.Name == name);

    /// <summary>The trivial endpoint measured just before <paramref name="phase"/>: the ceiling that phase's ratio uses.</summary>
    public PhaseResult CeilingFor(string phase) => Phase(LoadBenchmark.CeilingBefore(phase));

    /// <summary>All the trivial endpoint's slices as one measurement.</summary>
    public PhaseResult Ceiling
    {
        get
        {
            var slices = Phases.Where(p => p.Name.StartsWith(LoadBenchmark.Ceiling, StringComparison.Ordinal)).ToList();
            var seconds = slices.Sum(p => p.Seconds);
            var ticks = slices.SelectMany(p => p.Operations).SelectMany(o => o.Latencies).Order().ToArray();
            var operation = LoadPhase.Result(RegistrationDayTraffic.Ping, ticks, slices.Sum(p => p.Errors), seconds);
            return slices[0] with
            {
                Name = LoadBenchmark.Ceiling, Seconds = seconds, Operations = [operation],
                ServerCores = slices.Sum(p => p.ServerCores * p.Seconds) / seconds, ClientCores = slices.Sum(p => p.ClientCores * p.Seconds) / seconds,
                DatabaseCores = slices.Sum(p => p.DatabaseCores * p.Seconds) / seconds, PeakThreads = slices.Max(p => p.PeakThreads),
                NeighbourCores = slices.Sum(p => p.NeighbourCores * p.Seconds) / seconds, StealCores = slices.Sum(p => p.StealCores * p.Seconds) / seconds,
            };
        }
    }
}

/// <summary>
/// Registration day on one machine: a fresh database seeded to size, the storage ceiling, the built host started
/// as its own process, then over HTTP from this process — everyone signs in; a warm-up; the trivial endpoint
/// (the framework's ceiling); searches, status reads and submissions each alone; and the realistic mix, staff
/// deciding cases while students apply and check. Every phase is bounded in time and in count.
/// </summary>
internal static class LoadBenchmark
{
    public const string SignIn = "sign-in";
    public const string WarmUp = "warm-up (mix and trivial endpoint)";
    public const string Ceiling = "trivial endpoint";

    /// <summary>
    /// The trivial endpoint is measured in slices, one just before each operation measured alone, so that each ratio
    /// compares two figures taken within seconds of each other: neighbours on a shared machine come and go.
    /// </summary>
    public static string CeilingBefore(string phase) => $"{Ceiling}, before {phase}";
    public const string SearchOnly = "catalogue searches alone";
    public const string StatusOnly = "status reads alone";
    public const string SubmitOnly = "submissions alone";
    public const string Mix = "registration-day mix";
    private const long MaxOperationsPerPhase = 50_000_000;

    public static async Task<int> RunCommandAsync(IReadOnlyList<string> args)
    {
        var options = LoadOptions.Parse(args, out var error);
        if (options is null)
        {
            Console.Error.WriteLine($"load: {error}");
            return 2;
        }
        var run = await RunAsync(options);
        LoadReport.Print(run);
        if (options.Reportable) BenchmarkReport.WriteSection($"Registration day: figures ({run.Database})", LoadReport.Markdown(run));
        if (run.Errors > 0) Console.Error.WriteLine($"{run.Errors} requests failed.");
        return run.Errors > 0 ? 1 : 0;
    }

    public static async Task<LoadRun> RunAsync(LoadOptions options)
    {
        var host = AdalServer.LocateHost();
        Console.WriteLine($"Registration day on {BenchmarkReport.Machine()}");
        using var database = LoadDatabase.Create(options.Postgres, options.Keep);
        Console.WriteLine($"Seeding {database.Name} ({database.Folder}): {options.Students:N0} students, {options.PastRequests:N0} past requests…");
        var seed = await RegistrationDaySeed.SeedAsync(database, Path.GetDirectoryName(host)!, options.Students, options.PastRequests);
        Console.WriteLine("Storage ceiling…");
        var ceilings = await StorageCeiling.MeasureAsync(database, options.Smoke ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(5));
        Console.WriteLine($"  {ceilings.SingleRowCommitsPerSecond:N0} single-row commits/s, {ceilings.BatchedRowsPerSecond:N0} rows/s in 100-row transactions ({ceilings.Durability})");

        var started = Stopwatch.StartNew();
        List<PhaseResult> phases;
        WrkResult? wrk;
        ProcessSample end;
        TimeSpan serverStart;
        await using (var server = await AdalServer.StartAsync(host, database, options.HostEnvironment))
        {
            serverStart = started.Elapsed;
            Console.WriteLine($"Host ready at {server.BaseAddress} (pid {server.Pid}) in {serverStart.TotalSeconds:F1} s");
            var databaseCpu = await DatabaseServerCpu.FindAsync(database);
            (phases, wrk) = await LogOnFailure(server, () => DriveAsync(options, server, databaseCpu, seed.Accounts));
            end = server.Sample();
        }

        Console.WriteLine("Query census: the host again, with EF Core's command log, one operation at a time…");
        await using var census = await AdalServer.StartAsync(host, database,
            new Dictionary<string, string>(options.HostEnvironment ?? new Dictionary<string, string>()).Concat(QueryCensus.Settings).ToDictionary());
        var (lines, requests) = await LogOnFailure(census, () => QueryCensus.TakeAsync(census, seed.Accounts, options.Smoke ? 2 : 5));
        phases.Add(requests);
        return new LoadRun(options, database.Name, seed, ceilings, serverStart, phases, wrk, end, database.SizeBytes(), lines);
    }

    private static async Task<T> LogOnFailure<T>(AdalServer server, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch
        {
            Console.Error.WriteLine($"Server log ({server.LogPath}):\n{server.LogTail()}");
            throw;
        }
    }

    private static async Task<(List<PhaseResult>, WrkResult?)> DriveAsync(LoadOptions options, AdalServer server, DatabaseServerCpu? databaseCpu, LoadAccounts accounts)
    {
        using var client = new LoadClient(server.BaseAddress, options.Connections + options.StaffConnections);
        var traffic = new RegistrationDayTraffic(client, accounts);
        var students = Enumerable.Range(0, options.Connections).Select(_ => new StudentSession()).ToList();
        var staff = StaffSessions(accounts, options.StaffConnections);
        var phases = new List<PhaseResult>();

        async Task Phase(string name, IReadOnlyList<Func<WorkerLog, Task>> workers, TimeSpan duration, bool once = false)
        {
            Console.WriteLine($"{name}: {workers.Count} connections{(once ? "" : $", {duration.TotalSeconds:F0} s")}…");
            var result = await LoadPhase.RunAsync(name, server, databaseCpu, workers, duration, MaxOperationsPerPhase, once);
            Console.WriteLine($"  {result.Count:N0} requests, {result.PerSecond:N0}/s, {result.Errors} errors; server {result.ServerCores:F2} cores and up to {result.PeakThreads} threads (peak RSS so far {result.ServerAtEnd.PeakResidentBytes >> 20} MiB), " +
                $"{(databaseCpu is null ? "" : $"PostgreSQL {result.DatabaseCores:F2} cores, ")}load generator {result.ClientCores:F2} cores; " +
                $"other processes {result.NeighbourCores:F2} cores, steal {result.StealCores:F2}");
            phases.Add(result);
        }

        List<Func<WorkerLog, Task>> Each(Func<WorkerLog, StudentSession, Task> step) => students.Select(s => (Func<WorkerLog, Task>)(log => step(log, s))).ToList();
        var mix = Each(traffic.StudentStepAsync).Take(options.Connections - options.StaffConnections)
            .Concat(staff.Select(s => (Func<WorkerLog, Task>)(log => traffic.StaffStepAsync(log, s)))).ToList();

        await Phase(SignIn, Each(traffic.SignInAsync).Concat(staff.Select(s => (Func<WorkerLog, Task>)(log => traffic.SignInAsync(log, s)))).ToList(), TimeSpan.Zero, once: true);
        // Warm-up: the mix and the trivial endpoint, so tiered JIT has optimised both before anything is measured.
        var warm = mix.Select((step, i) => i % 2 == 0 ? step : async log => { await step(log); await traffic.PingAsync(log, students[i]); }).ToList();
        await Phase(WarmUp, warm, options.WarmUp);
        var wrk = await WrkCeiling.MeasureAsync(server, students[0].Token ?? "", options.Connections, options.PhaseLength / 2);
        if (wrk is not null) Console.WriteLine($"  wrk on the trivial endpoint: {wrk.PerSecond:N0}/s, p99 {wrk.P99Ms:F1} ms, {wrk.Errors} errors; server {wrk.ServerCores:F2} cores");
        var alone = new (string Name, Func<WorkerLog, StudentSession, Task> Step)[]
        {
            (SearchOnly, traffic.SearchAsync),
            (StatusOnly, (log, s) => s.Requests.Count > 0 ? traffic.StatusAsync(log, s) : traffic.SearchAsync(log, s)),
            (SubmitOnly, traffic.SubmitAsync),
        };
        foreach (var (name, step) in alone)
        {
            await Phase(CeilingBefore(name), Each(traffic.PingAsync), options.PhaseLength / 2);
            await Phase(name, Each(step), options.PhaseLength);
        }
        await Phase(Mix, mix, TimeSpan.FromSeconds(options.Seconds));
        return (phases, wrk);
    }

    /// <summary>Half officers, a quarter approvers, a quarter registrars: the roles the mix's services need.</summary>
    private static List<StaffSession> StaffSessions(LoadAccounts accounts, int count)
    {
        string[] roles = [Role.Officer, Role.Approver, Role.Officer, Role.Registrar];
        var taken = new Dictionary<string, int>();
        return Enumerable.Range(0, count).Select(i =>
        {
            var role = roles[i % roles.Length];
            var pool = accounts.StaffByRole[role];
            taken[role] = taken.GetValueOrDefault(role) + 1;
            // One worker per account: two windows deciding the same officer's cases would race each other (409).
            return new StaffSession(pool[(taken[role] - 1) % pool.Length], role);
        }).ToList();
    }
}
