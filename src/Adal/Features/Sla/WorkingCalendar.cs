namespace Adal.Features.Sla;

/// <summary>
/// A university's working time: which local days are working days and which hours of them count, so that
/// "4 working hours" means the same thing to the SLA clock as it does to the officer who has to meet it.
/// Built from <c>catalog/calendar.yaml</c> by <see cref="CalendarFile"/>; immutable and safe to share.
/// </summary>
public sealed class WorkingCalendar
{
    // A long run of days off means the data is wrong (an empty working week is rejected when loading);
    // the guard turns that bug into an exception instead of an endless loop.
    private const int MaxConsecutiveDaysOff = 366;

    private readonly HashSet<DayOfWeek> workingWeek;
    private readonly IReadOnlyList<WorkingPeriod> periods;
    private readonly HashSet<DateOnly> daysOff;
    private readonly HashSet<DateOnly> workingDaysOverride;

    internal WorkingCalendar(
        TimeZoneInfo timeZone,
        IEnumerable<DayOfWeek> workingWeek,
        IEnumerable<WorkingPeriod> periods,
        IEnumerable<DateOnly> daysOff,
        IEnumerable<DateOnly> extraWorkingDays)
    {
        TimeZone = timeZone;
        this.workingWeek = [.. workingWeek];
        this.periods = [.. periods.OrderBy(p => p.Start)];
        this.daysOff = [.. daysOff];
        workingDaysOverride = [.. extraWorkingDays];
    }

    public TimeZoneInfo TimeZone { get; }

    public static WorkingCalendar Load(string path) => CalendarFile.Load(path);

    public static WorkingCalendar Parse(string yaml, string sourceName) => CalendarFile.Parse(yaml, sourceName);

    public bool IsWorkingDay(DateOnly localDate) =>
        workingDaysOverride.Contains(localDate)
        || (workingWeek.Contains(localDate.DayOfWeek) && !daysOff.Contains(localDate));

    /// <summary>
    /// The instant at which <paramref name="hours"/> working hours have elapsed after <paramref name="startUtc"/>.
    /// A deadline that uses up a period exactly ends at that period's end (13:00, not 14:00 after lunch).
    /// </summary>
    public DateTime AddWorkingHours(DateTime startUtc, double hours)
    {
        if (!double.IsFinite(hours) || hours < 0)
            throw new ArgumentOutOfRangeException(nameof(hours), hours, "Working hours must be a finite, non-negative number.");

        var start = AsUtc(startUtc, nameof(startUtc));
        var remaining = (long)Math.Round(hours * TimeSpan.TicksPerHour, MidpointRounding.AwayFromZero);
        if (remaining == 0)
            return start;

        var day = LocalDate(start);
        var daysOffInARow = 0;
        while (true)
        {
            if (IsWorkingDay(day))
            {
                daysOffInARow = 0;
                foreach (var period in periods)
                {
                    var (periodStart, periodEnd) = ToUtc(day, period);
                    var from = periodStart > start ? periodStart : start;
                    if (from >= periodEnd)
                        continue;
                    var available = (periodEnd - from).Ticks;
                    if (available >= remaining)
                        return from.AddTicks(remaining);
                    remaining -= available;
                }
            }
            else if (++daysOffInARow > MaxConsecutiveDaysOff)
            {
                throw new InvalidOperationException($"No working day within {MaxConsecutiveDaysOff} days of {day:yyyy-MM-dd}: the calendar is wrong.");
            }
            day = day.AddDays(1);
        }
    }

    /// <summary>
    /// Working hours between two instants; negative when <paramref name="toUtc"/> is earlier (an overdue request
    /// reads as minus the hours it is late).
    /// </summary>
    public double WorkingHoursBetween(DateTime fromUtc, DateTime toUtc)
    {
        var from = AsUtc(fromUtc, nameof(fromUtc));
        var to = AsUtc(toUtc, nameof(toUtc));
        if (to < from)
            return -WorkingHoursBetween(to, from);

        long ticks = 0;
        var lastDay = LocalDate(to);
        for (var day = LocalDate(from); day <= lastDay; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
                continue;
            foreach (var period in periods)
            {
                var (periodStart, periodEnd) = ToUtc(day, period);
                var overlapStart = periodStart > from ? periodStart : from;
                var overlapEnd = periodEnd < to ? periodEnd : to;
                if (overlapEnd > overlapStart)
                    ticks += (overlapEnd - overlapStart).Ticks;
            }
        }
        return (double)ticks / TimeSpan.TicksPerHour;
    }

    private DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZone));

    private (DateTime Start, DateTime End) ToUtc(DateOnly day, WorkingPeriod period) => (
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(period.Start), TimeZone),
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(period.End), TimeZone));

    // Local times are a bug here: the SLA clock stores UTC, and a server's own zone says nothing about the university's.
    private static DateTime AsUtc(DateTime value, string parameter) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => throw new ArgumentException("Pass UTC times; the calendar converts to the university's time zone itself.", parameter),
    };
}

/// <summary>One stretch of working time within a working day, in local time (e.g. 09:00–13:00).</summary>
internal readonly record struct WorkingPeriod(TimeOnly Start, TimeOnly End);
