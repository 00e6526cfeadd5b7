using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records;

public sealed record GradeView(Guid Id, Guid EnrolmentId, Guid StudentId, string StudentNumber, string CourseCode, string Period,
    int Score, string Letter, decimal Points, DateTime EnteredAt, DateOnly GradedOn, long? LedgerIndex);

/// <param name="Status">applied, pending, approved or rejected (<see cref="GradeChangeStatus"/>).</param>
public sealed record GradeChangeView(Guid Id, Guid? GradeId, Guid EnrolmentId, Guid StudentId, string StudentNumber, string StudentName,
    string CourseCode, string CourseName, string Period, int? OldScore, string? OldLetter, int NewScore, string NewLetter, string? Reason,
    string Status, Guid RequestedById, string RequestedBy, DateTime RequestedAt, string? DecidedBy, DateTime? DecidedAt, string? DecisionNote,
    long? LedgerIndex);

/// <summary>A grade entry that became a grade at once, or a change waiting for a second person.</summary>
public sealed record GradeDecision(GradeView? Grade, GradeChangeView? Change)
{
    public bool Pending => Change?.Status == GradeChangeStatus.Pending;
}

internal static class GradeViews
{
    public static GradeView Of(Grade grade, Enrolment enrolment, GradeContext context) =>
        new(grade.Id, enrolment.Id, enrolment.StudentId, context.StudentNumber, context.CourseCode, context.PeriodCode,
            grade.Score, grade.Letter, GradingScale.PointsOf(grade.Letter), grade.EnteredAt, grade.GradedOn, grade.LedgerIndex);

    /// <summary>Changes with the names of the people and the course, newest first.</summary>
    public static async Task<List<GradeChangeView>> ChangesAsync(AdalDb db, IQueryable<GradeChange> changes, string language, int take, CancellationToken ct)
    {
        var rows = await changes.AsNoTracking()
            .OrderByDescending(c => c.RequestedAt).Take(take)
            .Select(c => new
            {
                Change = c, c.Enrolment!.StudentId,
                Course = c.Enrolment.Offering!.Course!, PeriodCode = c.Enrolment.Offering.Period!.Code,
            })
            .ToListAsync(ct);
        var people = rows.SelectMany(r => new[] { r.StudentId, r.Change.RequestedById, r.Change.DecidedById ?? Guid.Empty }).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var studentIds = rows.Select(r => r.StudentId).Distinct().ToList();
        var numbers = await db.Students.AsNoTracking().Where(s => studentIds.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, s => s.StudentNumber, ct);
        return rows.Select(r => new GradeChangeView(r.Change.Id, r.Change.GradeId, r.Change.EnrolmentId, r.StudentId,
            numbers.GetValueOrDefault(r.StudentId, ""), names.GetValueOrDefault(r.StudentId, ""), r.Course.Code, r.Course.Name(language), r.PeriodCode,
            r.Change.OldScore, r.Change.OldScore is { } old ? GradingScale.ForScore(old).Letter : null,
            r.Change.NewScore, GradingScale.ForScore(r.Change.NewScore).Letter, r.Change.Reason, r.Change.Status,
            r.Change.RequestedById, names.GetValueOrDefault(r.Change.RequestedById, ""), r.Change.RequestedAt,
            r.Change.DecidedById is { } d ? names.GetValueOrDefault(d) : null, r.Change.DecidedAt, r.Change.DecisionNote, r.Change.LedgerIndex)).ToList();
    }

    public static async Task<GradeChangeView> ChangeAsync(AdalDb db, Guid changeId, string language, CancellationToken ct) =>
        (await ChangesAsync(db, db.GradeChanges.Where(c => c.Id == changeId), language, 1, ct)).Single();
}
