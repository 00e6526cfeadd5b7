using Adal.Features.Sla;

namespace Adal.Features.Records;

/// <summary>Today in the university's time zone (the working calendar's): grading windows are days there, not in UTC.</summary>
public sealed class UniversityDate(TimeProvider clock, SlaClock sla)
{
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(UtcNow, sla.Calendar.TimeZone));
}
