namespace Adal.Features.Records;

/// <summary>One graded attempt at a course, as GPA sees it.</summary>
/// <param name="Order">Chronological position of the attempt's period (later periods are larger).</param>
public sealed record GradedAttempt(string CourseCode, int Credits, string Letter, int Order);

/// <summary>
/// The grade point average: the credit-weighted mean of grade points, Σ(points × credits) / Σ credits.
/// A course taken again (resit after FX, repeat after F or to improve) counts once, by its latest attempt:
/// the later grade replaces the earlier one in the GPA, while the transcript shows both. FX and F count
/// as 0 points for as long as they are the latest attempt.
/// </summary>
public static class Gpa
{
    /// <summary>The attempts that count: for each course, the one of the latest period.</summary>
    public static IReadOnlyList<GradedAttempt> Counted(IEnumerable<GradedAttempt> attempts) =>
        attempts.GroupBy(a => a.CourseCode, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.MaxBy(a => a.Order)!)
            .ToList();

    /// <summary>The cumulative GPA with retakes replaced, or null when nothing is graded yet.</summary>
    public static decimal? Cumulative(IEnumerable<GradedAttempt> attempts) => Mean(Counted(attempts));

    /// <summary>The plain credit-weighted mean of these attempts (e.g. one semester's, as it stood then).</summary>
    public static decimal? Mean(IEnumerable<GradedAttempt> attempts)
    {
        decimal weighted = 0;
        var credits = 0;
        foreach (var a in attempts)
        {
            weighted += GradingScale.PointsOf(a.Letter) * a.Credits;
            credits += a.Credits;
        }
        return credits == 0 ? null : weighted / credits;
    }

    /// <summary>Credits of the counted attempts that passed (D and above).</summary>
    public static int CreditsEarned(IEnumerable<GradedAttempt> attempts) =>
        Counted(attempts).Where(a => GradingScale.ForLetter(a.Letter)?.Passes == true).Sum(a => a.Credits);

    /// <summary>Two decimals, half away from zero, as printed.</summary>
    public static decimal? Round(decimal? gpa) => gpa is { } g ? Math.Round(g, 2, MidpointRounding.AwayFromZero) : null;
}
