namespace Adal.Features.Sla;

/// <summary>SLA deadlines in working hours of the university's calendar (catalog/calendar.yaml).</summary>
public sealed class SlaClock(WorkingCalendar calendar)
{
    public WorkingCalendar Calendar => calendar;

    public DateTime DueAt(DateTime startUtc, int workingHours) => calendar.AddWorkingHours(startUtc, workingHours);
}
