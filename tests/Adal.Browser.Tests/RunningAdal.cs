using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Adal.Browser.Tests;

/// <summary>
/// The real host, as an operator starts it: <c>dotnet adal.dll</c> in its own process, on a free local port,
/// with a throw-away SQLite file. Development seeds the demo university and its accounts.
/// The browser then meets the same binary, middleware and database a university would run.
/// </summary>
public sealed class RunningAdal : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _dataFolder;
    private readonly List<string> _log = [];

    private RunningAdal(Process process, string dataFolder, Uri address)
    {
        _process = process;
        _dataFolder = dataFolder;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the host printed so far: start-up problems and unexpected errors show up here.</summary>
    public string Log => string.Join(Environment.NewLine, LogSince(0));

    /// <summary>How many lines the host has printed: a mark to read what one test made it print.</summary>
    public int LogLines
    {
        get
        {
            lock (_log) return _log.Count;
        }
    }

    public IReadOnlyList<string> LogSince(int line)
    {
        lock (_log) return _log.Skip(line).ToList();
    }

    public static async Task<RunningAdal> StartAsync()
    {
        // The test project references src/Adal, so the build copies adal.dll (with catalog/ and Assets/)
        // beside the tests, in the same configuration as the test assembly.
        var binaries = AppContext.BaseDirectory;
        var entry = Path.Combine(binaries, "adal.dll");
        if (!File.Exists(entry))
            throw new InvalidOperationException($"The host adal.dll is not next to the tests ({entry}); build tests/Adal.Browser.Tests first.");

        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var dataFolder = Directory.CreateTempSubdirectory("adal-browser-").FullName;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = binaries,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(entry);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(dataFolder, "adal.db")}";
        start.Environment["Adal__PublicBaseUrl"] = address.ToString().TrimEnd('/');
        // Every story signs in eight people from one address; the production limit would stop it half-way.
        start.Environment["Adal__SignInPerMinute"] = "1000";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new RunningAdal(process, dataFolder, address);
        process.OutputDataReceived += (_, e) => host.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => host.Remember(e.Data);
        try
        {
            process.Start();
            // Should the test run end without disposing its fixtures (aborted, timed out), the host still goes.
            AppDomain.CurrentDomain.ProcessExit += host.KillOnExit;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await host.WaitUntilReadyAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"adal.dll exited with code {_process.ExitCode} before it was ready:{Environment.NewLine}{Log}");
            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy migrating or seeding.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"GET {Address}health/ready was not 200 within {ReadyTimeout.TotalSeconds:0} s:{Environment.NewLine}{Log}");
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(wait.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process; the temp folder is cleaned by the OS eventually.
        }
    }
}
