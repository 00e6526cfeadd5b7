namespace Adal.Features.Sla;

/// <summary>
/// The calendar file a university edits is wrong. Thrown at start-up, when the file is loaded, so a typo
/// stops the host with a message that names the file and the field instead of silently moving deadlines.
/// </summary>
public sealed class CalendarException : Exception
{
    public CalendarException(string sourceName, string field, string problem, Exception? inner = null)
        : base($"{sourceName}: {field}: {problem}", inner)
    {
        SourceName = sourceName;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file (or other source) the calendar was read from.</summary>
    public string SourceName { get; }

    /// <summary>Where in the file: a path such as <c>holidays[3].date</c>, or a line and column for YAML syntax errors.</summary>
    public string Field { get; }

    public string Problem { get; }
}
