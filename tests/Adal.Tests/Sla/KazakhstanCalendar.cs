using Adal.Features.Sla;

namespace Adal.Tests.Sla;

/// <summary>The calendar file the host ships (catalog/calendar.yaml, copied next to the binaries), loaded once.</summary>
internal static class KazakhstanCalendar
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "catalog", "calendar.yaml");

    private static readonly Lazy<WorkingCalendar> Loaded = new(() => WorkingCalendar.Load(Path));

    public static WorkingCalendar Calendar => Loaded.Value;

    /// <summary>A wall-clock time in Almaty (UTC+5 since March 2024) as the UTC instant the SLA clock stores.</summary>
    public static DateTime Almaty(int year, int month, int day, int hour, int minute = 0) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-5);
}
