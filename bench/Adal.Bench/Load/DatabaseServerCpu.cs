using System.Globalization;
using Npgsql;

namespace Adal.Bench.Load;

/// <summary>
/// The CPU time of a local PostgreSQL server — its postmaster and every backend it forked — read from /proc, so a
/// phase can say how much of the two shared cores the database took besides the host. SQLite runs inside the host,
/// so there it is already part of the host's own figure (and this reports nothing).
/// </summary>
internal sealed class DatabaseServerCpu
{
    private readonly int _postmaster;

    private DatabaseServerCpu(int postmaster) => _postmaster = postmaster;

    public static async Task<DatabaseServerCpu?> FindAsync(LoadDatabase database)
    {
        if (!database.IsPostgres) return null;
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        // A backend is a child of the postmaster; a server on another machine has no /proc entry here.
        return File.Exists($"/proc/{backend}/stat") ? new DatabaseServerCpu(Fields(backend)?.ParentPid ?? 0) : null;
    }

    /// <summary>CPU seconds used so far by the postmaster and its live children.</summary>
    public double CpuSeconds()
    {
        double total = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            var fields = Fields(pid);
            if (fields is { } f && (pid == _postmaster || f.ParentPid == _postmaster)) total += f.CpuSeconds;
        }
        return total;
    }

    private static (int ParentPid, double CpuSeconds)? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), ticks / 100.0); // USER_HZ, as in AdalServer
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended between listing and reading, or is not ours to read
        }
    }
}
