namespace Adal.Features.Records;

/// <summary>One step of the scale: the scores that earn a letter, its grade points, and the traditional mark.</summary>
/// <param name="Traditional">excellent, good, satisfactory or unsatisfactory: the national five-point equivalent.</param>
public sealed record LetterGrade(string Letter, int MinScore, int MaxScore, decimal Points, string Traditional)
{
    /// <summary>D and above complete the course and earn its credits.</summary>
    public bool Passes => Points > 0;
}

/// <summary>
/// The letter scale of the Kazakhstan credit system (Order No. 152 of the Minister of Education and Science,
/// 20 April 2011, on the credit technology of education): percentage score → letter → points on a 4.0 scale.
/// FX (25–49) lets the student sit the final exam again without taking the course again; F (0–24) means the
/// course must be repeated.
/// </summary>
public static class GradingScale
{
    public const int MinScore = 0;
    public const int MaxScore = 100;

    public static readonly IReadOnlyList<LetterGrade> Letters =
    [
        new("A", 95, 100, 4.00m, "excellent"),
        new("A-", 90, 94, 3.67m, "excellent"),
        new("B+", 85, 89, 3.33m, "good"),
        new("B", 80, 84, 3.00m, "good"),
        new("B-", 75, 79, 2.67m, "good"),
        new("C+", 70, 74, 2.33m, "satisfactory"),
        new("C", 65, 69, 2.00m, "satisfactory"),
        new("C-", 60, 64, 1.67m, "satisfactory"),
        new("D+", 55, 59, 1.33m, "satisfactory"),
        new("D", 50, 54, 1.00m, "satisfactory"),
        new("FX", 25, 49, 0m, "unsatisfactory"),
        new("F", 0, 24, 0m, "unsatisfactory"),
    ];

    public const string FX = "FX";
    public const string F = "F";

    public static bool IsScore(int score) => score is >= MinScore and <= MaxScore;

    public static LetterGrade ForScore(int score)
    {
        if (!IsScore(score)) throw new ArgumentOutOfRangeException(nameof(score), score, "A score is 0 to 100.");
        foreach (var letter in Letters)
            if (score >= letter.MinScore) return letter;
        throw new InvalidOperationException("The scale covers 0 to 100.");
    }

    public static LetterGrade? ForLetter(string? letter) =>
        Letters.FirstOrDefault(l => string.Equals(l.Letter, letter?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static decimal PointsOf(string letter) => ForLetter(letter)?.Points ?? 0m;

    /// <summary>"A 95–100 (4.00), A- 90–94 (3.67), …": the scale as printed under a transcript.</summary>
    public static string Describe() => string.Join(", ", Letters.Select(l =>
        $"{l.Letter} {l.MinScore}–{l.MaxScore} ({l.Points.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)})"));
}
