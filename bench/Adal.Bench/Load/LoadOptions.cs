using System.Globalization;

namespace Adal.Bench.Load;

/// <summary>
/// The registration-day run's size. Full by default (50,000 students, 1,000,000 past requests, a 60 s mix on 64
/// connections); --smoke is the CI size (200 students, 2,000 requests, 5 s on 8 connections). Flags override either.
/// </summary>
/// <param name="HostEnvironment">Extra environment for the host process (--host-env KEY=VALUE), for experiments with runtime
/// settings such as DOTNET_gcServer=0; a run with any writes no figures into docs/benchmarks.md (<see cref="Reportable"/>).</param>
internal sealed record LoadOptions(bool Smoke, string? Postgres, int Students, int PastRequests, int Seconds, int Connections, bool Keep,
    IReadOnlyDictionary<string, string>? HostEnvironment = null)
{
    public static LoadOptions SmokeRun(string? postgres = null) => new(true, postgres, 200, 2_000, 5, 8, false);

    public static LoadOptions FullRun(string? postgres = null) => new(false, postgres, 50_000, 1_000_000, 60, 64, false);

    /// <summary>
    /// Whether the run's figures go into docs/benchmarks.md: only at the size (50,000 students, 1,000,000 past
    /// requests) and with the host as shipped. A small run kept for profiling once replaced the full-size figures there.
    /// </summary>
    public bool Reportable => !Smoke && HostEnvironment is null && Students >= 50_000 && PastRequests >= 1_000_000;

    /// <summary>Each single-operation phase (the ceiling, searches, status reads, submissions): a sixth of the mix, at least 5 s.</summary>
    public TimeSpan PhaseLength => Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(Math.Max(5, Seconds / 6));

    public TimeSpan WarmUp => Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);

    /// <summary>Officers, approvers and registrars among the connections of the mix: one in eight, at least an officer and an approver.</summary>
    public int StaffConnections => Math.Max(2, Connections / 8);

    public static LoadOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var options = args.Contains("--smoke") ? SmokeRun() : FullRun();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"{args[i - 1]} needs a positive whole number");
            try
            {
                options = args[i] switch
                {
                    "--smoke" => options,
                    "--postgres" => options with { Postgres = Value() },
                    "--students" => options with { Students = Number() },
                    "--past-requests" => options with { PastRequests = Number() },
                    "--seconds" => options with { Seconds = Number() },
                    "--connections" => options with { Connections = Number() },
                    "--keep" => options with { Keep = true },
                    "--host-env" => Value().Split('=', 2) is [{ Length: > 0 } key, var value]
                        ? options with { HostEnvironment = new Dictionary<string, string>(options.HostEnvironment ?? new Dictionary<string, string>()) { [key] = value } }
                        : throw new ArgumentException("--host-env needs KEY=VALUE"),
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }
            catch (ArgumentException e)
            {
                error = e.Message;
                return null;
            }
        }
        if (options.Connections < 4) error = "--connections must be at least 4 (students, an officer and an approver)";
        return error is null ? options : null;
    }
}
