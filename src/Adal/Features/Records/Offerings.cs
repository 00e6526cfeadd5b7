using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records;

/// <param name="Window">not-yet-open, open or closed, today in the university's time zone.</param>
public sealed record OfferingSummary(Guid Id, string CourseCode, string CourseName, int Credits, string Period, string PeriodName,
    DateOnly PeriodStartsOn, string Window, DateOnly GradingOpensOn, DateOnly GradingClosesOn, int Students, int Graded);

/// <param name="PendingChange">A change of this grade (or a late first grade) waiting for a second person.</param>
public sealed record SheetRow(Guid EnrolmentId, Guid StudentId, string StudentNumber, string FullName, string Attempt,
    Guid? GradeId, int? Score, string? Letter, decimal? Points, GradeChangeView? PendingChange);

/// <summary>A course offering's class list with its grades: the teacher's gradebook sheet.</summary>
public sealed record OfferingSheet(OfferingSummary Offering, Guid TeacherId, string TeacherName, IReadOnlyList<SheetRow> Rows);

/// <summary>Reading the gradebook: a teacher's offerings and one offering's sheet.</summary>
public static class Offerings
{
    public static string WindowName(GradingWindowState state) => state switch
    {
        GradingWindowState.NotYetOpen => "not-yet-open",
        GradingWindowState.Open => "open",
        _ => "closed",
    };

    /// <summary>Staff who may read any sheet and any student's record; a teacher reads their own offerings, a student their own record.</summary>
    public static bool ReadsAllRecords(Actor actor) =>
        actor.Has(Role.Registrar) || actor.Has(Role.Approver) || actor.Has(Role.Admin) || actor.Has(Role.Auditor);

    public static async Task<List<OfferingSummary>> OfTeacherAsync(AdalDb db, Guid teacherId, DateOnly today, string language, CancellationToken ct)
    {
        var rows = await db.CourseOfferings.AsNoTracking().Where(o => o.TeacherId == teacherId)
            .Select(o => new
            {
                o.Id, Course = o.Course!, Period = o.Period!,
                Students = db.Enrolments.Count(e => e.OfferingId == o.Id),
                Graded = db.Grades.Count(g => g.Enrolment!.OfferingId == o.Id),
            })
            .ToListAsync(ct);
        return rows.Select(r => Summary(r.Id, r.Course, r.Period, r.Students, r.Graded, today, language))
            .OrderByDescending(o => o.PeriodStartsOn).ThenBy(o => o.CourseCode, StringComparer.Ordinal).ToList();
    }

    public static async Task<OfferingSheet?> SheetAsync(AdalDb db, Guid offeringId, DateOnly today, string language, CancellationToken ct)
    {
        var offering = await db.CourseOfferings.AsNoTracking().Include(o => o.Course).Include(o => o.Period).FirstOrDefaultAsync(o => o.Id == offeringId, ct);
        if (offering is null) return null;
        var teacher = await db.Users.Where(u => u.Id == offering.TeacherId).Select(u => u.FullName).FirstAsync(ct);
        var rows = await db.Enrolments.AsNoTracking().Where(e => e.OfferingId == offeringId)
            .Join(db.Students, e => e.StudentId, s => s.UserId, (e, s) => new { e, s.StudentNumber })
            .Join(db.Users, x => x.e.StudentId, u => u.Id, (x, u) => new
            {
                x.e.Id, x.e.StudentId, x.StudentNumber, u.FullName, x.e.Kind, GradeId = (Guid?)x.e.Grade!.Id, Score = (int?)x.e.Grade.Score, x.e.Grade.Letter,
            })
            .ToListAsync(ct);
        var pending = (await GradeViews.ChangesAsync(db, db.GradeChanges.Where(c => c.Enrolment!.OfferingId == offeringId && c.Status == GradeChangeStatus.Pending), language, 1000, ct))
            .ToDictionary(c => c.EnrolmentId);
        var sheet = rows.OrderBy(r => r.FullName, StringComparer.Create(Platform.Localization.Languages.Culture(language), false))
            .Select(r => new SheetRow(r.Id, r.StudentId, r.StudentNumber, r.FullName, r.Kind, r.GradeId, r.Score, r.Letter,
                r.Letter is null ? null : GradingScale.PointsOf(r.Letter), pending.GetValueOrDefault(r.Id)))
            .ToList();
        var summary = Summary(offering.Id, offering.Course!, offering.Period!, rows.Count, rows.Count(r => r.Score is not null), today, language);
        return new OfferingSheet(summary, offering.TeacherId, teacher, sheet);
    }

    private static OfferingSummary Summary(Guid id, Course course, AcademicPeriod period, int students, int graded, DateOnly today, string language) =>
        new(id, course.Code, course.Name(language), course.Credits, period.Code, period.Name(language), period.StartsOn,
            WindowName(period.Window(today)), period.GradingOpensOn, period.GradingClosesOn, students, graded);
}
