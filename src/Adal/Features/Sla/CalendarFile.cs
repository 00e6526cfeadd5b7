using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Adal.Features.Sla;

/// <summary>
/// Reads <c>catalog/calendar.yaml</c>. Every value is read as text and checked here, so a mistake is reported
/// with the file and the field it is in (<c>holidays[12].date</c>), in words a university's editor can act on.
/// </summary>
internal static class CalendarFile
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static WorkingCalendar Load(string path)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CalendarException(path, "(file)", $"cannot be read: {e.Message}", e);
        }
        return Parse(yaml, path);
    }

    public static WorkingCalendar Parse(string yaml, string sourceName)
    {
        CalendarDocument? document;
        try
        {
            document = Deserializer.Deserialize<CalendarDocument?>(yaml);
        }
        catch (YamlException e)
        {
            var problem = e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}";
            throw new CalendarException(sourceName, $"line {e.Start.Line}, column {e.Start.Column}", problem, e);
        }
        if (document is null)
            throw new CalendarException(sourceName, "(file)", "is empty");
        return new CalendarReader(sourceName).Read(document);
    }

    private sealed class CalendarReader(string sourceName)
    {
        public WorkingCalendar Read(CalendarDocument document)
        {
            var years = Required(document.Years, "years").Select((y, i) => Year(y, $"years[{i}]")).ToHashSet();
            var timeZone = CalendarTimeZone.Resolve(Required(document.TimeZone, "timeZone"), document.UtcOffset, years, sourceName);
            var workingWeek = Required(document.WorkingWeek, "workingWeek").Select((d, i) => Weekday(d, $"workingWeek[{i}]")).ToHashSet();
            if (workingWeek.Count == 0)
                throw Error("workingWeek", "lists no working days");

            var periods = Periods(Required(document.WorkingHours, "workingHours"), document.Breaks ?? []);
            var holidays = (document.Holidays ?? []).Select((h, i) => Holiday(h, $"holidays[{i}]", years)).ToList();
            var duplicate = holidays.GroupBy(h => h.Date).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw Error($"holidays[{holidays.FindLastIndex(h => h.Date == duplicate.Key)}].date", $"{duplicate.Key:yyyy-MM-dd} is listed twice");

            var transfers = (document.Transfers ?? []).Select((t, i) => Transfer(t, $"transfers[{i}]", years)).ToList();
            var holidayDates = holidays.Select(h => h.Date).ToHashSet();
            for (var i = 0; i < transfers.Count; i++)
            {
                // A transfer swaps a working weekday for a weekend day; anything else is a typo in a date.
                if (!workingWeek.Contains(transfers[i].DayOff.DayOfWeek) || holidayDates.Contains(transfers[i].DayOff))
                    throw Error($"transfers[{i}].dayOff", $"{transfers[i].DayOff:yyyy-MM-dd} ({transfers[i].DayOff.DayOfWeek}) is not otherwise a working day");
                if (workingWeek.Contains(transfers[i].WorkingDay.DayOfWeek) || holidayDates.Contains(transfers[i].WorkingDay))
                    throw Error($"transfers[{i}].workingDay", $"{transfers[i].WorkingDay:yyyy-MM-dd} ({transfers[i].WorkingDay.DayOfWeek}) is not otherwise a day off");
            }

            var daysOff = DaysOffRule.Compute(holidays, workingWeek, transfers);
            return new WorkingCalendar(timeZone, workingWeek, periods, daysOff, transfers.Select(t => t.WorkingDay));
        }

        private List<WorkingPeriod> Periods(HoursDocument hours, List<BreakDocument> breaks)
        {
            var start = Time(hours.Start, "workingHours.start");
            var end = Time(hours.End, "workingHours.end");
            if (end <= start)
                throw Error("workingHours.end", $"{end:HH\\:mm} is not after the start {start:HH\\:mm}");

            var periods = new List<WorkingPeriod> { new(start, end) };
            var previousEnd = start;
            foreach (var (pause, i) in breaks.Select((b, i) => (b, i)).OrderBy(x => x.b.Start, StringComparer.Ordinal))
            {
                var field = $"breaks[{i}]";
                var breakStart = Time(pause.Start, $"{field}.start");
                var breakEnd = Time(pause.End, $"{field}.end");
                if (breakEnd <= breakStart)
                    throw Error($"{field}.end", $"{breakEnd:HH\\:mm} is not after the start {breakStart:HH\\:mm}");
                if (breakStart <= previousEnd || breakEnd >= end)
                    throw Error(field, $"{breakStart:HH\\:mm}–{breakEnd:HH\\:mm} must lie inside the working hours and not touch another break");
                var last = periods[^1];
                periods[^1] = last with { End = breakStart };
                periods.Add(new WorkingPeriod(breakEnd, last.End));
                previousEnd = breakEnd;
            }
            return periods;
        }

        private Holiday Holiday(HolidayDocument holiday, string field, HashSet<int> years)
        {
            var date = Date(holiday.Date, $"{field}.date", years);
            var name = Required(holiday.Name, $"{field}.name");
            var religious = holiday.Religious switch
            {
                null or "false" => false,
                "true" => true,
                var other => throw Error($"{field}.religious", $"'{other}' is neither true nor false"),
            };
            return new Holiday(date, name, religious);
        }

        private DayOffTransfer Transfer(TransferDocument transfer, string field, HashSet<int> years) => new(
            Date(transfer.DayOff, $"{field}.dayOff", years),
            Date(transfer.WorkingDay, $"{field}.workingDay", years),
            Required(transfer.Basis, $"{field}.basis"));

        private int Year(string text, string field) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100
                ? year
                : throw Error(field, $"'{text}' is not a year");

        private DateOnly Date(string? text, string field, HashSet<int> years)
        {
            if (!DateOnly.TryParseExact(Required(text, field), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw Error(field, $"'{text}' is not a date (expected YYYY-MM-DD)");
            if (!years.Contains(date.Year))
                throw Error(field, $"{text} is outside the years the calendar covers ({string.Join(", ", years.Order())})");
            return date;
        }

        private TimeOnly Time(string? text, string field) =>
            TimeOnly.TryParseExact(Required(text, field), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? time
                : throw Error(field, $"'{text}' is not a time of day (expected HH:mm, quoted: \"09:00\")");

        private DayOfWeek Weekday(string text, string field) =>
            Enum.TryParse<DayOfWeek>(text, ignoreCase: true, out var day) && Enum.IsDefined(day) && !int.TryParse(text, out _)
                ? day
                : throw Error(field, $"'{text}' is not a day of the week (Monday … Sunday)");

        private T Required<T>(T? value, string field) where T : class =>
            value is null || value is string { Length: 0 } ? throw Error(field, "is missing") : value;

        private CalendarException Error(string field, string problem) => new(sourceName, field, problem);
    }

    // The shape of the file. Scalars are strings so that this class, not the YAML library, says what is wrong.
    private sealed class CalendarDocument
    {
        public string? TimeZone { get; set; }
        public string? UtcOffset { get; set; }
        public List<string>? Years { get; set; }
        public List<string>? WorkingWeek { get; set; }
        public HoursDocument? WorkingHours { get; set; }
        public List<BreakDocument>? Breaks { get; set; }
        public List<HolidayDocument>? Holidays { get; set; }
        public List<TransferDocument>? Transfers { get; set; }
    }

    private sealed class HoursDocument
    {
        public string? Start { get; set; }
        public string? End { get; set; }
    }

    private sealed class BreakDocument
    {
        public string? Name { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
    }

    private sealed class HolidayDocument
    {
        public string? Date { get; set; }
        public string? Name { get; set; }
        public string? Religious { get; set; }
    }

    private sealed class TransferDocument
    {
        public string? DayOff { get; set; }
        public string? WorkingDay { get; set; }
        public string? Basis { get; set; }
    }
}
