using Adal.Features.Sla;

namespace Adal.Tests.Sla;

public sealed class CalendarFileTests
{
    private const string Valid = """
        timeZone: Asia/Almaty
        utcOffset: "+05:00"
        workingWeek: [Monday, Tuesday, Wednesday, Thursday, Friday]
        workingHours: { start: "09:00", end: "18:00" }
        breaks:
          - { name: lunch, start: "13:00", end: "14:00" }
        years: [2026]
        holidays:
          - { date: 2026-12-16, name: Independence Day }
          - { date: 2026-03-21, name: Nauryz meiramy }
          - { date: 2026-01-07, name: Orthodox Christmas, religious: true }
        transfers:
          - { dayOff: 2026-12-18, workingDay: 2026-12-19, basis: test decree }
        """;

    [Fact]
    public void A_valid_file_gives_working_days_holidays_carry_overs_and_transfers()
    {
        var calendar = WorkingCalendar.Parse(Valid, "test.yaml");

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 12, 16)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 3, 23))); // Saturday's holiday carried to Monday
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 12, 18))); // transferred day off
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 12, 19)));  // the Saturday worked instead
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 12, 17)));
    }

    [Theory]
    [InlineData("2026-12-16, name: Independence", "2026-02-30, name: Independence", "holidays[0].date", "2026-02-30")]
    [InlineData("2026-12-16, name: Independence", "2025-12-16, name: Independence", "holidays[0].date", "outside the years")]
    [InlineData("2026-03-21, name: Nauryz meiramy", "2026-12-16, name: Nauryz meiramy", "holidays[1].date", "listed twice")]
    [InlineData("timeZone: Asia/Almaty", "timeZone: Asia/Nowhere", "timeZone", "Asia/Nowhere")]
    [InlineData("timeZone: Asia/Almaty\n", "", "timeZone", "missing")]
    [InlineData("utcOffset: \"+05:00\"", "utcOffset: \"5 hours\"", "utcOffset", "5 hours")]
    [InlineData("Thursday, Friday]", "Thursday, Fryday]", "workingWeek[4]", "Fryday")]
    [InlineData("end: \"18:00\"", "end: \"08:00\"", "workingHours.end", "08:00")]
    [InlineData("start: \"09:00\"", "start: \"9 am\"", "workingHours.start", "9 am")]
    [InlineData("end: \"14:00\"", "end: \"19:00\"", "breaks[0]", "inside the working hours")]
    [InlineData("religious: true", "religious: maybe", "holidays[2].religious", "maybe")]
    [InlineData("dayOff: 2026-12-18", "dayOff: 2026-12-20", "transfers[0].dayOff", "Sunday")]
    [InlineData("workingDay: 2026-12-19", "workingDay: 2026-12-21", "transfers[0].workingDay", "Monday")]
    [InlineData(", basis: test decree", "", "transfers[0].basis", "missing")]
    [InlineData("years: [2026]", "years: [twenty]", "years[0]", "twenty")]
    public void A_broken_calendar_file_names_the_file_and_the_field(string valid, string broken, string field, string detail)
    {
        Assert.Contains(valid, Valid);
        var error = Assert.Throws<CalendarException>(() => WorkingCalendar.Parse(Valid.Replace(valid, broken), "catalog/calendar.yaml"));

        Assert.Equal("catalog/calendar.yaml", error.SourceName);
        Assert.Equal(field, error.Field);
        Assert.Contains(detail, error.Message);
        Assert.StartsWith($"catalog/calendar.yaml: {field}: ", error.Message);
    }

    [Fact]
    public void A_misspelt_key_or_broken_yaml_is_reported_with_its_line()
    {
        var misspelt = Assert.Throws<CalendarException>(() => WorkingCalendar.Parse(Valid.Replace("breaks:", "breks:"), "calendar.yaml"));
        Assert.Equal("line 5, column 1", misspelt.Field);
        Assert.Contains("breks", misspelt.Message);

        var broken = Assert.Throws<CalendarException>(() => WorkingCalendar.Parse(Valid.Replace("[2026]", "[2026"), "calendar.yaml"));
        Assert.StartsWith("calendar.yaml: line ", broken.Message);

        Assert.Throws<CalendarException>(() => WorkingCalendar.Parse("", "calendar.yaml"));
    }

    [Fact]
    public void Loading_a_broken_file_names_its_path_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"adal-calendar-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Valid.Replace("end: \"18:00\"", "end: \"25:00\""));
        try
        {
            var error = Assert.Throws<CalendarException>(() => WorkingCalendar.Load(path));
            Assert.StartsWith($"{path}: workingHours.end: ", error.Message);
        }
        finally
        {
            File.Delete(path);
        }

        var missing = Assert.Throws<CalendarException>(() => WorkingCalendar.Load(path));
        Assert.Contains(path, missing.Message);
    }

    [Fact]
    public void A_machine_whose_time_zone_data_disagrees_with_the_file_stops_the_host()
    {
        // This is how a pre-2024 tzdata (Almaty at UTC+6) shows up: declared "+06:00" here plays the stale side.
        var yaml = Valid.Replace("\"+05:00\"", "\"+06:00\"");
        if (TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Almaty", out _))
        {
            var error = Assert.Throws<CalendarException>(() => WorkingCalendar.Parse(yaml, "calendar.yaml"));
            Assert.Equal("utcOffset", error.Field);
        }
        else
        {
            // No tz data at all: the declared offset is all there is, and it is used.
            Assert.Equal(TimeSpan.FromHours(6), WorkingCalendar.Parse(yaml, "calendar.yaml").TimeZone.BaseUtcOffset);
        }
    }
}
