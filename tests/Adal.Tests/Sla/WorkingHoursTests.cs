using static Adal.Tests.Sla.KazakhstanCalendar;

namespace Adal.Tests.Sla;

public sealed class WorkingHoursTests
{
    [Fact]
    public void Request_submitted_Friday_at_17_00_with_4_working_hours_is_due_Monday_at_12_00()
    {
        var submitted = Almaty(2026, 11, 20, 17, 0); // Friday

        var due = Calendar.AddWorkingHours(submitted, 4);

        Assert.Equal(Almaty(2026, 11, 23, 12, 0), due); // Monday: 1 hour on Friday, 3 on Monday morning
        Assert.Equal(DateTimeKind.Utc, due.Kind);
    }

    [Fact]
    public void Lunch_hour_does_not_count()
    {
        Assert.Equal(Almaty(2026, 11, 24, 15, 0), Calendar.AddWorkingHours(Almaty(2026, 11, 24, 12, 0), 2));
        Assert.Equal(1.0, Calendar.WorkingHoursBetween(Almaty(2026, 11, 24, 12, 30), Almaty(2026, 11, 24, 14, 30)), 9);
        Assert.Equal(0.0, Calendar.WorkingHoursBetween(Almaty(2026, 11, 24, 13, 0), Almaty(2026, 11, 24, 14, 0)), 9);
    }

    [Fact]
    public void Deadline_that_fills_the_morning_exactly_is_due_at_the_start_of_lunch_not_after_it()
    {
        Assert.Equal(Almaty(2026, 11, 24, 13, 0), Calendar.AddWorkingHours(Almaty(2026, 11, 24, 9, 0), 4));
    }

    [Fact]
    public void Request_submitted_on_Saturday_starts_counting_on_Monday_at_09_00()
    {
        var submitted = Almaty(2026, 11, 21, 10, 30); // Saturday

        Assert.Equal(Almaty(2026, 11, 23, 10, 0), Calendar.AddWorkingHours(submitted, 1));
        Assert.Equal(Almaty(2026, 11, 23, 18, 0), Calendar.AddWorkingHours(submitted, 8));
        Assert.Equal(0.0, Calendar.WorkingHoursBetween(submitted, Almaty(2026, 11, 23, 9, 0)), 9);
    }

    [Fact]
    public void Request_submitted_in_the_evening_starts_counting_next_morning()
    {
        Assert.Equal(Almaty(2026, 11, 25, 9, 30), Calendar.AddWorkingHours(Almaty(2026, 11, 24, 21, 0), 0.5));
    }

    [Fact]
    public void Nauryz_week_is_skipped()
    {
        // 2026: Nauryz 21–23 March (Sat–Mon), carried over to Tuesday 24 and Wednesday 25.
        Assert.Equal(Almaty(2026, 3, 26, 10, 0), Calendar.AddWorkingHours(Almaty(2026, 3, 20, 17, 0), 2));
        // 2025: Nauryz 21–23 March (Fri–Sun), carried over to Monday 24 and Tuesday 25.
        Assert.Equal(Almaty(2025, 3, 26, 10, 0), Calendar.AddWorkingHours(Almaty(2025, 3, 20, 17, 0), 2));
        Assert.Equal(2.0, Calendar.WorkingHoursBetween(Almaty(2025, 3, 20, 17, 0), Almaty(2025, 3, 26, 10, 0)), 9);
    }

    [Fact]
    public void Independence_Day_is_skipped()
    {
        Assert.Equal(Almaty(2026, 12, 17, 10, 0), Calendar.AddWorkingHours(Almaty(2026, 12, 15, 17, 0), 2));
        Assert.Equal(Almaty(2027, 12, 17, 10, 0), Calendar.AddWorkingHours(Almaty(2027, 12, 15, 17, 0), 2));
    }

    [Fact]
    public void A_plain_working_week_holds_40_working_hours()
    {
        Assert.Equal(40.0, Calendar.WorkingHoursBetween(Almaty(2026, 11, 23, 0, 0), Almaty(2026, 11, 30, 0, 0)), 9);
    }

    [Fact]
    public void Overdue_time_reads_as_negative_working_hours()
    {
        Assert.Equal(-3.0, Calendar.WorkingHoursBetween(Almaty(2026, 11, 24, 12, 0), Almaty(2026, 11, 24, 8, 0)), 9);
    }

    [Fact]
    public void Counting_working_hours_is_the_inverse_of_adding_them()
    {
        var random = new Random(20261123);
        var first = Almaty(2025, 1, 1, 0, 0);
        var span = Almaty(2027, 11, 1, 0, 0) - first;
        for (var i = 0; i < 3000; i++)
        {
            var start = first.AddTicks((long)(random.NextDouble() * span.Ticks));
            var hours = random.Next(4) switch
            {
                0 => random.Next(0, 9),                   // whole hours within a day
                1 => Math.Round(random.NextDouble() * 16, 2),
                2 => random.NextDouble() * 300,           // several weeks, through holidays
                _ => random.Next(1, 60) / 60.0,            // minutes
            };

            var due = Calendar.AddWorkingHours(start, hours);

            Assert.True(due >= start);
            Assert.Equal(hours, Calendar.WorkingHoursBetween(start, due), tolerance: 1e-9);

            // The other way round: counting to any instant and adding the count back lands no later than that
            // instant, with no working time in between (the instant may be in the evening or on a day off).
            var later = start.AddTicks((long)(random.NextDouble() * TimeSpan.FromDays(40).Ticks));
            var counted = Calendar.WorkingHoursBetween(start, later);
            var reached = Calendar.AddWorkingHours(start, counted);
            Assert.True(reached <= later, $"{start:o} + {counted} h = {reached:o} > {later:o}");
            Assert.Equal(0.0, Calendar.WorkingHoursBetween(reached, later), tolerance: 1e-9);
        }
    }

    [Fact]
    public void Local_times_are_refused_because_the_server_zone_is_not_the_university_zone()
    {
        Assert.Throws<ArgumentException>(() => Calendar.AddWorkingHours(DateTime.Now, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingHours(DateTime.UtcNow, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingHours(DateTime.UtcNow, double.NaN));
    }
}
