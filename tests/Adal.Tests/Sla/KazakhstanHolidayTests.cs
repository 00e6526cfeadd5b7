using static Adal.Tests.Sla.KazakhstanCalendar;

namespace Adal.Tests.Sla;

/// <summary>The shipped calendar against the days off the government published (egov.kz calendars for 2025 and 2026).</summary>
public sealed class KazakhstanHolidayTests
{
    [Theory]
    [InlineData("2025-01-01"), InlineData("2025-01-02"), InlineData("2025-01-03"), InlineData("2025-01-07")]
    [InlineData("2025-03-10"), InlineData("2025-03-21"), InlineData("2025-03-24"), InlineData("2025-03-25")]
    [InlineData("2025-05-01"), InlineData("2025-05-07"), InlineData("2025-05-09"), InlineData("2025-06-06")]
    [InlineData("2025-07-07"), InlineData("2025-09-01"), InlineData("2025-10-27"), InlineData("2025-12-16")]
    [InlineData("2026-01-01"), InlineData("2026-01-02"), InlineData("2026-01-07"), InlineData("2026-03-09")]
    [InlineData("2026-03-23"), InlineData("2026-03-24"), InlineData("2026-03-25"), InlineData("2026-05-01")]
    [InlineData("2026-05-07"), InlineData("2026-05-11"), InlineData("2026-05-27"), InlineData("2026-07-06")]
    [InlineData("2026-10-26"), InlineData("2026-12-16")]
    [InlineData("2027-01-04"), InlineData("2027-03-15"), InlineData("2027-03-24"), InlineData("2027-05-03")]
    [InlineData("2027-05-10"), InlineData("2027-12-16")]
    public void Published_weekday_days_off_are_not_working_days(string date)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(day.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday);
        Assert.False(Calendar.IsWorkingDay(day));
    }

    [Theory]
    [InlineData("2025-01-05")] // Sunday worked in exchange for Friday 3 January
    [InlineData("2025-01-06")]
    [InlineData("2025-01-08")]
    [InlineData("2026-01-05")]
    [InlineData("2026-01-08")] // Christmas on Wednesday 7 January is not carried over to anything
    [InlineData("2026-08-31")] // 30 August stopped being Constitution Day with the 2026 Constitution
    [InlineData("2027-05-17")] // Kurban ait on Sunday 16 May 2027 is religious: no carry-over
    [InlineData("2027-03-16")]
    public void These_days_are_working_days(string date)
    {
        Assert.True(Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Year_2026_has_the_published_number_of_working_days_plus_31_August()
    {
        // The calendar published in December 2025 counted 246 working days on a five-day week; 31 August became a
        // working day when 30 August stopped being a holiday.
        var days = Enumerable.Range(0, 365).Select(i => new DateOnly(2026, 1, 1).AddDays(i));
        Assert.Equal(247, days.Count(Calendar.IsWorkingDay));
    }

    [Fact]
    public void The_calendar_is_in_Almaty_time()
    {
        Assert.Equal(TimeSpan.FromHours(5), Calendar.TimeZone.GetUtcOffset(Almaty(2026, 11, 23, 12)));
    }
}
