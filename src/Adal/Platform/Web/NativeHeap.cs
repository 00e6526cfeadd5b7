using System.Runtime.InteropServices;

namespace Adal.Platform.Web;

/// <summary>
/// glibc gives a thread that meets contention in malloc an arena of its own (up to eight per core) and keeps what each
/// arena freed. SQLite's page caches and SkiaSharp (which then also wrote the PDFs) allocate natively on whichever
/// thread-pool thread runs them, and on registration day the pool grows to 35–40 threads: the full-size run's peak
/// resident memory was 302–325 MiB, 265 MiB with two arenas (docs/benchmarks.md). Two arenas, as MALLOC_ARENA_MAX=2 would give, without
/// depending on how the host is started; an operator's own MALLOC_ARENA_MAX wins.
/// </summary>
internal static class NativeHeap
{
    private const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    public static void LimitArenas()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null) return;
        try
        {
            mallopt(ArenaMax, 2);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no mallopt): nothing to limit.
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);
}
