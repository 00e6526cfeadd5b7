namespace Adal.Features.Sla;

/// <summary>A public holiday as the calendar file lists it.</summary>
internal sealed record Holiday(DateOnly Date, string Name, bool Religious);

/// <summary>A day off moved by government decree or Ministry of Labour order: one working day becomes a day off and one day off becomes a working day.</summary>
internal sealed record DayOffTransfer(DateOnly DayOff, DateOnly WorkingDay, string Basis);

/// <summary>
/// Turns the holidays of the law into the days on which nobody works.
/// </summary>
/// <remarks>
/// Law of the Republic of Kazakhstan «О праздниках в Республике Казахстан», art. 5: when a holiday coincides with a
/// day off, the next working day after the holiday is a day off. Religious days off (Orthodox Christmas, the first
/// day of Kurban ait) are non-working days under the Labour Code but are not holidays in that sense, so they are
/// never carried over — e.g. 7 January 2024 fell on a Sunday and 8 January 2024 was a working day.
/// </remarks>
internal static class DaysOffRule
{
    public static HashSet<DateOnly> Compute(
        IReadOnlyCollection<Holiday> holidays,
        IReadOnlySet<DayOfWeek> workingWeek,
        IReadOnlyCollection<DayOffTransfer> transfers)
    {
        var daysOff = holidays.Select(h => h.Date).ToHashSet();

        // In date order, so a holiday run over a weekend (Nauryz on Saturday and Sunday) pushes its two carried-over
        // days one after the other (Monday 24 and Tuesday 25 March 2025), never both onto the same day.
        foreach (var holiday in holidays.Where(h => !h.Religious).OrderBy(h => h.Date))
        {
            if (workingWeek.Contains(holiday.Date.DayOfWeek))
                continue;
            var next = holiday.Date.AddDays(1);
            while (!workingWeek.Contains(next.DayOfWeek) || daysOff.Contains(next))
                next = next.AddDays(1);
            daysOff.Add(next);
        }

        foreach (var transfer in transfers)
            daysOff.Add(transfer.DayOff);
        return daysOff;
    }
}
