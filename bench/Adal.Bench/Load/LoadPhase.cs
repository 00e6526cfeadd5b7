using System.Collections.Concurrent;
using System.Diagnostics;

namespace Adal.Bench.Load;

/// <summary>One worker's measurements: its latencies per operation (no locks on the hot path) and its errors.</summary>
internal sealed class WorkerLog(PhaseErrors errors)
{
    public Dictionary<string, List<long>> Ticks { get; } = [];
    public Dictionary<string, int> Errors { get; } = [];

    public void Record(string operation, long ticks)
    {
        if (!Ticks.TryGetValue(operation, out var list)) Ticks[operation] = list = [];
        list.Add(ticks);
    }

    public void Fail(string operation, string detail)
    {
        Errors[operation] = Errors.GetValueOrDefault(operation) + 1;
        errors.Add($"{operation}: {detail}");
    }
}

/// <summary>The first few error messages of a phase, to print; the counts are in the worker logs.</summary>
internal sealed class PhaseErrors
{
    private readonly ConcurrentQueue<string> _samples = new();

    public void Add(string message)
    {
        if (_samples.Count < 10) _samples.Enqueue(message.Length > 400 ? message[..400] : message);
    }

    public IReadOnlyList<string> Samples => [.. _samples];
}

/// <summary>An operation's figures; <see cref="Latencies"/> keeps the sorted samples so operations can be pooled.</summary>
internal sealed record OperationResult(string Operation, int Count, int Errors, double PerSecond, double P50Ms, double P95Ms, double P99Ms, long[] Latencies);

internal sealed record PhaseResult(
    string Name, int Workers, double Seconds, IReadOnlyList<OperationResult> Operations, IReadOnlyList<string> ErrorSamples,
    double ServerCores, double ClientCores, ProcessSample ServerAtEnd, int PeakThreads, double DatabaseCores = 0, double NeighbourCores = 0, double StealCores = 0)
{
    public int Count => Operations.Sum(o => o.Count);
    public int Errors => Operations.Sum(o => o.Errors);
    public double PerSecond => Count / Seconds;

    /// <summary>The operations whose name starts with <paramref name="prefix"/>, taken together.</summary>
    public OperationResult? Group(string prefix, string name)
    {
        var parts = Operations.Where(o => o.Operation.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (parts.Count == 0) return null;
        var ticks = parts.SelectMany(p => p.Latencies).ToArray();
        Array.Sort(ticks);
        return LoadPhase.Result(name, ticks, parts.Sum(p => p.Errors), Seconds);
    }
}

/// <summary>
/// Runs closed-loop workers (each sends its next request when the last one answered) until the phase's time is
/// up or its operation budget is spent, then reports per-operation rates and latencies, with the server's CPU
/// (from /proc) and the load generator's own, since both share the machine's cores.
/// </summary>
internal static class LoadPhase
{
    /// <param name="once">Each worker takes exactly one step (signing everyone in), whatever the time.</param>
    public static async Task<PhaseResult> RunAsync(string name, AdalServer server, DatabaseServerCpu? database, IReadOnlyList<Func<WorkerLog, Task>> workers,
        TimeSpan duration, long maxOperations, bool once = false)
    {
        var errors = new PhaseErrors();
        var logs = workers.Select(_ => new WorkerLog(errors)).ToArray();
        var before = server.Sample();
        var databaseBefore = database?.CpuSeconds() ?? 0;
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var machineBefore = MachineCpu.Read();
        long started = 0;
        var watch = Stopwatch.StartNew();
        // The server's thread count, sampled while the phase runs: threads blocked in synchronous waits make the pool grow.
        using var stop = new CancellationTokenSource();
        var peakThreads = Task.Run(async () =>
        {
            var peak = before.Threads;
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.Sample().Threads);
                try { await Task.Delay(250, stop.Token); } catch (OperationCanceledException) { }
            }
            return peak;
        });
        await Task.WhenAll(workers.Select((step, i) => Task.Run(async () =>
        {
            if (once) await step(logs[i]);
            else
                while (watch.Elapsed < duration && Interlocked.Increment(ref started) <= maxOperations)
                    await step(logs[i]);
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        var after = server.Sample();
        var databaseCores = ((database?.CpuSeconds() ?? 0) - databaseBefore) / seconds;
        var clientCores = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds / seconds;
        var machine = MachineCpu.Read() - machineBefore;
        var serverCores = (after.CpuSeconds - before.CpuSeconds) / seconds;
        var neighbourCores = Math.Max(0, machine.BusySeconds / seconds - serverCores - databaseCores - clientCores);
        var operations = logs.SelectMany(l => l.Ticks.Keys).Concat(logs.SelectMany(l => l.Errors.Keys)).Distinct().Order(StringComparer.Ordinal)
            .Select(op =>
            {
                var ticks = logs.SelectMany(l => l.Ticks.GetValueOrDefault(op) ?? []).ToArray();
                Array.Sort(ticks);
                return Result(op, ticks, logs.Sum(l => l.Errors.GetValueOrDefault(op)), seconds);
            })
            .ToList();
        return new PhaseResult(name, workers.Count, seconds, operations, errors.Samples, serverCores, clientCores, after,
            Math.Max(await peakThreads, after.Threads), databaseCores, neighbourCores, machine.StealSeconds / seconds);
    }

    internal static OperationResult Result(string operation, long[] sorted, int errors, double seconds) =>
        new(operation, sorted.Length, errors, sorted.Length / seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted);

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Ceiling(p * sorted.Length) - 1] * 1000.0 / Stopwatch.Frequency;
}
