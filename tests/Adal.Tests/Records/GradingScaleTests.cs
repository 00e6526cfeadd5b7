using Adal.Features.Records;

namespace Adal.Tests.Records;

/// <summary>The Kazakhstan credit system's letter scale and the GPA rules, without a database.</summary>
public sealed class GradingScaleTests
{
    [Theory]
    [InlineData(100, "A", 4.00)]
    [InlineData(95, "A", 4.00)]
    [InlineData(94, "A-", 3.67)]
    [InlineData(90, "A-", 3.67)]
    [InlineData(89, "B+", 3.33)]
    [InlineData(85, "B+", 3.33)]
    [InlineData(84, "B", 3.00)]
    [InlineData(80, "B", 3.00)]
    [InlineData(79, "B-", 2.67)]
    [InlineData(75, "B-", 2.67)]
    [InlineData(74, "C+", 2.33)]
    [InlineData(70, "C+", 2.33)]
    [InlineData(69, "C", 2.00)]
    [InlineData(65, "C", 2.00)]
    [InlineData(64, "C-", 1.67)]
    [InlineData(60, "C-", 1.67)]
    [InlineData(59, "D+", 1.33)]
    [InlineData(55, "D+", 1.33)]
    [InlineData(54, "D", 1.00)]
    [InlineData(50, "D", 1.00)]
    [InlineData(49, "FX", 0)]
    [InlineData(25, "FX", 0)]
    [InlineData(24, "F", 0)]
    [InlineData(0, "F", 0)]
    public void Every_score_earns_its_letter_and_points(int score, string letter, double points)
    {
        var grade = GradingScale.ForScore(score);
        Assert.Equal(letter, grade.Letter);
        Assert.Equal((decimal)points, grade.Points);
        Assert.Equal(score >= 50, grade.Passes);
    }

    [Fact]
    public void The_scale_covers_0_to_100_without_gaps_or_overlaps()
    {
        var covered = GradingScale.Letters.SelectMany(l => Enumerable.Range(l.MinScore, l.MaxScore - l.MinScore + 1)).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 101), covered);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradingScale.ForScore(101));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradingScale.ForScore(-1));
    }

    [Fact]
    public void Gpa_is_the_credit_weighted_mean_of_points()
    {
        // (4.00 × 5 + 3.00 × 7 + 2.00 × 3) / 15 = 47 / 15 = 3.1333…
        var gpa = Gpa.Cumulative([new("A1", 5, "A", 1), new("B1", 7, "B", 1), new("C1", 3, "C", 1)]);
        Assert.Equal(3.13m, Gpa.Round(gpa));
        Assert.Null(Gpa.Cumulative([]));
    }

    [Fact]
    public void A_retake_replaces_the_earlier_attempt_in_the_gpa_and_an_fx_counts_as_zero_until_then()
    {
        GradedAttempt fx = new("ITB1202", 7, "FX", 1), other = new("GFL1103", 5, "A", 1), resit = new("ITB1202", 7, "B+", 2);
        // Before the resit the FX weighs in as 0 points: (0 × 7 + 4 × 5) / 12.
        Assert.Equal(1.67m, Gpa.Round(Gpa.Cumulative([fx, other])));
        Assert.Equal(5, Gpa.CreditsEarned([fx, other]));
        // After it, only the resit counts: (3.33 × 7 + 4 × 5) / 12, and the course's credits are earned.
        Assert.Equal(3.61m, Gpa.Round(Gpa.Cumulative([fx, other, resit])));
        Assert.Equal(12, Gpa.CreditsEarned([fx, other, resit]));
        Assert.Equal([other, resit], Gpa.Counted([fx, other, resit]).OrderBy(a => a.CourseCode));
        // A worse later attempt replaces a better one too: the latest attempt is the grade.
        Assert.Equal(1.00m, Gpa.Round(Gpa.Cumulative([new("X", 5, "B", 1), new("X", 5, "D", 2)])));
    }
}
