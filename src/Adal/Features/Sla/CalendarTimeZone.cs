using System.Globalization;

namespace Adal.Features.Sla;

/// <summary>
/// Finds the calendar's time zone and checks it against the offset the file declares.
/// </summary>
/// <remarks>
/// Kazakhstan moved to a single zone, UTC+5, on 1 March 2024; a machine with tz data older than 2024a still puts
/// Asia/Almaty at UTC+6 and would move every deadline by an hour without a word. So the file states the offset it
/// expects (<c>utcOffset</c>), and a machine that disagrees stops the host. A machine with no tz data at all (a
/// minimal container) gets a fixed-offset zone of the same name, which is exact for a zone without daylight saving.
/// </remarks>
internal static class CalendarTimeZone
{
    public static TimeZoneInfo Resolve(string id, string? utcOffsetText, IReadOnlySet<int> years, string sourceName)
    {
        TimeSpan? declared = utcOffsetText is null ? null : ParseOffset(utcOffsetText, sourceName);

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // With tz data present the name is simply wrong; without any, the declared offset is all there is.
            var machineHasZones = TimeZoneInfo.GetSystemTimeZones().Any(z => z.Id != TimeZoneInfo.Utc.Id);
            if (machineHasZones || declared is not { } offset)
                throw new CalendarException(sourceName, "timeZone", $"'{id}' is not a time zone known on this machine (an IANA name such as Asia/Almaty)", e);
            return TimeZoneInfo.CreateCustomTimeZone(id, offset, id, id);
        }

        if (declared is { } expected)
        {
            // Winter and summer of every covered year: a zone with daylight saving has no single offset to declare.
            foreach (var instant in years.Order().SelectMany(y => new[] { new DateTime(y, 1, 15, 12, 0, 0), new DateTime(y, 7, 15, 12, 0, 0) }))
            {
                var actual = zone.GetUtcOffset(instant);
                var year = instant.Year;
                if (actual != expected)
                    throw new CalendarException(sourceName, "utcOffset",
                        $"the file says {utcOffsetText} but this machine's time zone data puts {id} at UTC{Format(actual)} in {year}; update tzdata or correct the file");
            }
        }
        return zone;
    }

    private static TimeSpan ParseOffset(string text, string sourceName)
    {
        var sign = text.StartsWith('-') ? -1 : 1;
        if (text.Length == 6 && text[0] is '+' or '-'
            && TimeSpan.TryParseExact(text[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var magnitude)
            && magnitude <= TimeSpan.FromHours(14))
            return sign * magnitude;
        throw new CalendarException(sourceName, "utcOffset", $"'{text}' is not an offset like \"+05:00\"");
    }

    private static string Format(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
