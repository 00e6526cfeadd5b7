using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records;

public sealed record TranscriptProgramme(string Code, string Name, string Level, int? RequiredCredits);

/// <param name="Attempt">regular, resit or repeat (<see cref="EnrolmentKind"/>).</param>
/// <param name="CountsInGpa">False for an attempt replaced by a later one, and for a course still in progress.</param>
/// <param name="Period">The academic period's code (2025-2026-2), as in grade entry.</param>
public sealed record TranscriptCourse(Guid EnrolmentId, Guid? GradeId, string CourseCode, string Name, int Credits, string Component,
    string Attempt, int? Score, string? Letter, decimal? Points, bool CountsInGpa, bool InProgress, string Period);

/// <param name="Gpa">The period's own GPA, as it stood that period (retakes of it in later periods do not rewrite it).</param>
public sealed record TranscriptPeriod(string Code, string Name, DateOnly StartsOn, IReadOnlyList<TranscriptCourse> Courses, int CreditsGraded, decimal? Gpa);

public sealed record ComponentProgress(string Component, int Earned, int Required);

/// <summary>A student's academic record: every attempt by period, the credits earned and the cumulative GPA.</summary>
public sealed record TranscriptView(Guid StudentId, string FullName, string StudentNumber, string Status, bool IsForeign,
    TranscriptProgramme? Programme, int CreditsEarned, decimal? Gpa, IReadOnlyList<TranscriptPeriod> Periods, IReadOnlyList<ComponentProgress> Components)
{
    public IEnumerable<TranscriptCourse> Courses => Periods.SelectMany(p => p.Courses);
}

/// <summary>Reads a student's record from the enrolments and grades; the one source of every transcript, page and PDF.</summary>
public static class Transcripts
{
    public static async Task<TranscriptView?> LoadAsync(AdalDb db, Guid studentId, string language, CancellationToken ct)
    {
        var student = await db.Students.AsNoTracking().Include(s => s.Programme).FirstOrDefaultAsync(s => s.UserId == studentId, ct);
        if (student is null) return null;
        var fullName = await db.Users.Where(u => u.Id == studentId).Select(u => u.FullName).FirstAsync(ct);
        var rows = await db.Enrolments.AsNoTracking().Where(e => e.StudentId == studentId)
            .Select(e => new
            {
                e.Id, e.Kind, Course = e.Offering!.Course!, Period = e.Offering.Period!,
                GradeId = (Guid?)e.Grade!.Id, Score = (int?)e.Grade.Score, Letter = e.Grade.Letter,
            })
            .ToListAsync(ct);

        var attempts = rows.Where(r => r.Letter is not null)
            .Select(r => (r.Id, Attempt: new GradedAttempt(r.Course.Code, r.Course.Credits, r.Letter!, r.Period.StartsOn.DayNumber)))
            .ToList();
        var latest = attempts.GroupBy(a => a.Attempt.CourseCode, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.MaxBy(a => a.Attempt.Order).Id).ToHashSet();
        var counted = attempts.Where(a => latest.Contains(a.Id)).Select(a => a.Attempt).ToList();

        var periods = rows.GroupBy(r => r.Period.Id)
            .Select(g =>
            {
                var period = g.First().Period;
                var courses = g.OrderBy(r => r.Course.Code, StringComparer.Ordinal).Select(r => new TranscriptCourse(
                    r.Id, r.GradeId, r.Course.Code, r.Course.Name(language), r.Course.Credits, r.Course.Component, r.Kind,
                    r.Score, r.Letter, r.Letter is null ? null : GradingScale.PointsOf(r.Letter),
                    CountsInGpa: latest.Contains(r.Id), InProgress: r.Letter is null, Period: period.Code)).ToList();
                var graded = courses.Where(c => c.Letter is not null).Select(c => new GradedAttempt(c.CourseCode, c.Credits, c.Letter!, 0)).ToList();
                return new TranscriptPeriod(period.Code, period.Name(language), period.StartsOn, courses, graded.Sum(c => c.Credits), Gpa.Round(Gpa.Mean(graded)));
            })
            .OrderBy(p => p.StartsOn).ToList();

        var structure = student.ProgrammeId is { } programmeId
            ? await db.ProgrammeCredits.AsNoTracking().FirstOrDefaultAsync(c => c.ProgrammeId == programmeId, ct)
            : null;
        var earnedBy = rows.Where(r => latest.Contains(r.Id) && GradingScale.ForLetter(r.Letter)?.Passes == true)
            .GroupBy(r => r.Course.Component).ToDictionary(g => g.Key, g => g.Sum(r => r.Course.Credits));
        var components = CourseComponent.All
            .Select(c => new ComponentProgress(c, earnedBy.GetValueOrDefault(c), structure?.For(c) ?? 0))
            .Where(c => c.Earned > 0 || c.Required > 0).ToList();

        var programme = student.Programme is { } p ? new TranscriptProgramme(p.Code, p.Name(language), p.Level, structure?.Total) : null;
        return new TranscriptView(student.UserId, fullName, student.StudentNumber, student.Status.ToString(), student.IsForeign, programme,
            Gpa.CreditsEarned(counted), Gpa.Round(Gpa.Cumulative(counted)), periods, components);
    }
}
