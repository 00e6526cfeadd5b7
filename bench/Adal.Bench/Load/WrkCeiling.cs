using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Adal.Bench.Load;

internal sealed record WrkResult(double PerSecond, double P99Ms, int Errors, double ServerCores);

/// <summary>
/// The trivial endpoint once more, driven by wrk (C, event loop) instead of .NET's HttpClient, when wrk is
/// installed (Debian: apt-get install wrk). The load generator shares the two cores with the server, so a
/// cheaper generator leaves more of them to the server: the gap between the two is the generator's own cost.
/// </summary>
internal static partial class WrkCeiling
{
    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rate();

    [GeneratedRegex(@"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline)]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)|Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex Failures();

    public static async Task<WrkResult?> MeasureAsync(AdalServer server, string token, int connections, TimeSpan duration)
    {
        var wrk = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);
        if (wrk is null) return null;
        var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{Math.Max(1, (int)duration.TotalSeconds)}s", "--latency", "-H", $"Authorization: Bearer {token}",
                     new Uri(server.BaseAddress, "/api/ping").ToString() })
            start.ArgumentList.Add(arg);
        var before = server.Sample();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var cores = (server.Sample().CpuSeconds - before.CpuSeconds) / watch.Elapsed.TotalSeconds;
        var rate = Rate().Match(output);
        if (process.ExitCode != 0 || !rate.Success) return new WrkResult(0, double.NaN, 1, cores);
        var p99 = P99().Match(output);
        var p99Ms = !p99.Success ? double.NaN : double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture) * p99.Groups[2].Value switch { "us" => 0.001, "s" => 1000, _ => 1 };
        var failures = Failures().Matches(output).SelectMany(m => m.Groups.Values.Skip(1)).Where(g => g.Success).Sum(g => int.Parse(g.Value, CultureInfo.InvariantCulture));
        return new WrkResult(double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), p99Ms, failures, cores);
    }
}
