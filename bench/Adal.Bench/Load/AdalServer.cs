using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Adal.Bench.Load;

/// <summary>
/// The server's own account of itself, read from /proc: CPU time so far, resident memory now (and how much of it is
/// anonymous — heaps, caches — rather than mapped files), its peak, and its threads now.
/// </summary>
internal sealed record ProcessSample(double CpuSeconds, long ResidentBytes, long PeakResidentBytes, int Threads, long AnonymousBytes = 0, long FileBytes = 0);

/// <summary>
/// The built host (adal.dll) as a separate process on 127.0.0.1 and a free port, under Production with the
/// demo seed off, pointed at the prepared database. Its output goes to a log file, shown if it fails.
/// </summary>
internal sealed class AdalServer : IAsyncDisposable
{
    // USER_HZ: /proc reports CPU time in clock ticks of 1/100 s on every Linux architecture .NET runs on.
    private const double ClockTicksPerSecond = 100;

    private readonly Process _process;
    private readonly StreamWriter _log;

    private AdalServer(Process process, StreamWriter log, string logPath, Uri address)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }
    public string LogPath { get; }
    public int Pid => _process.Id;

    /// <summary>adal.dll as built beside this benchmark (the project reference copies it with its runtimeconfig and catalogue).</summary>
    public static string LocateHost()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "adal.dll");
        if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json"))) return beside;
        throw new FileNotFoundException($"The host was not built beside the benchmark: {beside} (build bench/Adal.Bench, which references src/Adal).");
    }

    /// <param name="settings">Extra configuration as environment variables (e.g. EF Core's command log for the query census).</param>
    public static async Task<AdalServer> StartAsync(string hostDll, LoadDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment[database.ConnectionStringKey.Replace(":", "__", StringComparison.Ordinal)] = database.ConnectionString;
        start.Environment["Adal__SeedDemo"] = "false";
        start.Environment["Adal__KeysPath"] = database.KeysPath;
        start.Environment["Adal__PublicBaseUrl"] = address.ToString();
        // Every simulated student signs in from 127.0.0.1; on the day they come from thousands of addresses,
        // so the per-address sign-in limit (30 a minute) is lifted for this host only.
        start.Environment["Adal__SignInPerMinute"] = "100000000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var logPath = Path.Combine(database.Folder, $"server-{port}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // A benchmark stopped with Ctrl+C or SIGTERM must not leave a server behind on its port.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        };
        var server = new AdalServer(process, log, logPath, address);
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        return server;
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before it was ready:\n{LogTail()}");
            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The host was not ready within {limit.TotalSeconds:F0} s:\n{LogTail()}");
    }

    public ProcessSample Sample()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from the 3rd (state) on; the name may hold spaces
        var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
        long rss = 0, peak = 0, anonymous = 0, file = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line);
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anonymous = Kilobytes(line);
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) file = Kilobytes(line);
            else if (line.StartsWith("Threads:", StringComparison.Ordinal)) threads = (int)Number(line);
        }
        return new ProcessSample(cpu, rss, peak, threads, anonymous, file);
    }

    private static long Kilobytes(string line) => Number(line) * 1024;

    private static long Number(string line) => long.Parse(line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    public string LogTail(int lines = 40)
    {
        try
        {
            return string.Join('\n', ReadLog(0).Split('\n').TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
    }

    public long LogLength
    {
        get
        {
            lock (_log) return _log.BaseStream.Length;
        }
    }

    /// <summary>The server's output from byte <paramref name="offset"/> on.</summary>
    public string ReadLog(long offset)
    {
        lock (_log) _log.Flush();
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        return new StreamReader(stream).ReadToEnd();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGTERM first, so the host shuts down as it would under systemd; killed if it does not within 15 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
