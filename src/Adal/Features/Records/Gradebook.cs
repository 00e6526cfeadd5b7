using Adal.Features.Ledger;
using Adal.Features.Notifications;
using Adal.Features.Requests;
using Adal.Platform;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records;

public sealed record GradeEntryBody(string? StudentNumber, string? CourseCode, string? Period, decimal? Score, string? Reason);

/// <summary>
/// Grade entry. Only the course's teacher enters a grade, and only within the period's grading window; every
/// entry is a grade.entered ledger entry in the same transaction. After the window a first grade is a change
/// from nothing: it needs a reason and a second person's approval (<see cref="GradeChanges"/>).
/// </summary>
public sealed class Gradebook(AdalDb db, TenantContext tenant, LedgerRecorder ledger, UniversityDate date, Notifier notifier)
{
    public async Task<Outcome<GradeDecision>> EnterAsync(Actor actor, GradeEntryBody body, string language, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var score = Scores.Read(body.Score, "score", language, errors);
        foreach (var (field, value) in new[] { ("studentNumber", body.StudentNumber), ("courseCode", body.CourseCode), ("period", body.Period) })
            if (string.IsNullOrWhiteSpace(value)) errors.Add(field, Languages.Text("Validation.Required", language));
        if (errors.Count > 0) return Problems.Invalid(errors, language);

        var courseCode = body.CourseCode!.Trim();
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Code == courseCode, ct);
        if (course is null) return Invalid("courseCode", Languages.Text("Records.UnknownCourse", language, courseCode), language);
        var periodCode = body.Period!.Trim();
        var period = await db.AcademicPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Code == periodCode, ct);
        if (period is null) return Invalid("period", Languages.Text("Records.UnknownPeriod", language, periodCode), language);
        var offering = await db.CourseOfferings.AsNoTracking().FirstOrDefaultAsync(o => o.CourseId == course.Id && o.PeriodId == period.Id, ct);
        if (offering is null) return Invalid("courseCode", Languages.Text("Records.NotOffered", language, course.Code, period.Code), language);
        offering.Course = course;
        offering.Period = period;
        if (!MayGrade(actor, offering, period)) return Problems.Forbidden("Records.NotYourCourse", language, course.Code);

        var number = body.StudentNumber!.Trim();
        var student = await db.Students.AsNoTracking().FirstOrDefaultAsync(s => s.StudentNumber == number, ct);
        if (student is null) return Invalid("studentNumber", Languages.Text("Records.UnknownStudent", language, number), language);
        var enrolment = await db.Enrolments.Include(e => e.Grade).FirstOrDefaultAsync(e => e.OfferingId == offering.Id && e.StudentId == student.UserId, ct);
        if (enrolment is null) return Invalid("studentNumber", Languages.Text("Records.NotEnrolled", language, number, course.Code, period.Code), language);

        var context = new GradeContext(course.Code, period.Code, number);
        var outcome = await StageAsync(actor, offering, enrolment, context, score!.Value, body.Reason, language, ct);
        if (outcome.Failure is not null) return outcome;
        await db.SaveChangesAsync(ct);
        // The ledger index is known only once the unit of work is committed.
        return outcome.Value!.Change is { } pending
            ? new GradeDecision(null, await GradeViews.ChangeAsync(db, pending.Id, language, ct))
            : new GradeDecision(GradeViews.Of(enrolment.Grade!, enrolment, context), null);
    }

    /// <summary>
    /// The gradebook page's sheet: every typed score of one offering, entered (or, for a grade already given,
    /// corrected) in one transaction — one mistake and nothing is saved. Within the window only.
    /// </summary>
    public async Task<Outcome<int>> SaveSheetAsync(Actor actor, Guid offeringId, IReadOnlyDictionary<Guid, string?> scores, string language, CancellationToken ct)
    {
        var offering = await db.CourseOfferings.AsNoTracking().Include(o => o.Course).Include(o => o.Period).FirstOrDefaultAsync(o => o.Id == offeringId, ct);
        if (offering is null || offering.TeacherId != actor.UserId) return Problems.Forbidden("Records.NotYourCourse", language, offering?.Course?.Code ?? "");
        if (offering.Period!.Window(date.Today) != GradingWindowState.Open) return WindowClosed(offering.Period, language);
        var enrolments = await db.Enrolments.Include(e => e.Grade).Where(e => e.OfferingId == offeringId).ToListAsync(ct);
        var numbers = await StudentNumbersAsync(enrolments.Select(e => e.StudentId), ct);
        var errors = new FieldErrors();
        var changed = 0;
        foreach (var enrolment in enrolments)
        {
            if (!scores.TryGetValue(enrolment.Id, out var text) || string.IsNullOrWhiteSpace(text)) continue;
            if (!Scores.TryParse(text, out var score))
            {
                errors.Add($"score.{enrolment.Id}", Languages.Text("Records.ScoreRange", language));
                continue;
            }
            if (enrolment.Grade?.Score == score) continue;
            var context = new GradeContext(offering.Course!.Code, offering.Period.Code, numbers[enrolment.StudentId]);
            if (enrolment.Grade is { } grade) ApplyWithinWindow(actor, grade, context, enrolment, score, reason: null);
            else await StageAsync(actor, offering, enrolment, context, score, null, language, ct);
            changed++;
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            ledger.TakeAll();
            return Problems.Invalid(errors, language);
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>The teacher corrects their own grade within the window: applied at once, and recorded as grade.changed.</summary>
    internal GradeChange ApplyWithinWindow(Actor actor, Grade grade, GradeContext context, Enrolment enrolment, int score, string? reason)
    {
        var old = grade.Score;
        Assign(grade, score);
        var change = new GradeChange
        {
            Id = Guid.CreateVersion7(), TenantId = tenant.Required, EnrolmentId = enrolment.Id, GradeId = grade.Id,
            OldScore = old, NewScore = score, Reason = Trimmed(reason), Status = GradeChangeStatus.Applied,
            RequestedById = actor.UserId, RequestedAt = date.UtcNow, DecidedAt = date.UtcNow,
        };
        db.GradeChanges.Add(change);
        GradeLedger.Changed(ledger, date.UtcNow, grade, old, context, change, basis: "within_window", approver: null);
        return change;
    }

    private async Task<Outcome<GradeDecision>> StageAsync(Actor actor, CourseOffering offering, Enrolment enrolment, GradeContext context,
        int score, string? reason, string language, CancellationToken ct)
    {
        if (enrolment.Grade is not null) return Problems.Conflict("Records.AlreadyGraded", language, context.StudentNumber, context.CourseCode);
        var period = offering.Period!;
        switch (period.Window(date.Today))
        {
            case GradingWindowState.NotYetOpen:
                return Problems.Conflict("Records.WindowNotOpen", language, period.Name(language), Day(period.GradingOpensOn, language));
            case GradingWindowState.Open:
                if (offering.TeacherId != actor.UserId) return Problems.Forbidden("Records.NotYourCourse", language, context.CourseCode);
                var grade = new Grade
                {
                    Id = Guid.CreateVersion7(), TenantId = tenant.Required, EnrolmentId = enrolment.Id, Score = score,
                    Letter = GradingScale.ForScore(score).Letter, EnteredById = actor.UserId, EnteredAt = date.UtcNow, GradedOn = date.Today,
                };
                enrolment.Grade = grade;
                db.Grades.Add(grade);
                GradeLedger.Entered(ledger, date.UtcNow, grade, context, actor.UserId, basis: "teacher");
                return new GradeDecision(GradeViews.Of(grade, enrolment, context), null);
            default:
                // After the window a late first grade waits for a second person, like any change.
                if (string.IsNullOrWhiteSpace(reason))
                    return Invalid("reason", Languages.Text("Records.ReasonAfterWindow", language, period.Name(language), Day(period.GradingClosesOn, language)), language);
                if (await db.GradeChanges.AnyAsync(c => c.EnrolmentId == enrolment.Id && c.Status == GradeChangeStatus.Pending, ct))
                    return Problems.Conflict("Records.ChangePending", language);
                var change = new GradeChange
                {
                    Id = Guid.CreateVersion7(), TenantId = tenant.Required, EnrolmentId = enrolment.Id, NewScore = score, Reason = Trimmed(reason),
                    Status = GradeChangeStatus.Pending, RequestedById = actor.UserId, RequestedAt = date.UtcNow,
                };
                db.GradeChanges.Add(change);
                await NotifyPendingAsync(context, ct);
                return new GradeDecision(null, PendingView(change, enrolment, context));
        }
    }

    /// <summary>Within the window, the course's teacher; after it, the teacher or a registrar may ask (and a second person decides).</summary>
    internal bool MayGrade(Actor actor, CourseOffering offering, AcademicPeriod period) =>
        offering.TeacherId == actor.UserId || (period.Window(date.Today) == GradingWindowState.Closed && actor.Has(Role.Registrar));

    internal Task NotifyPendingAsync(GradeContext context, CancellationToken ct) =>
        notifier.NotifyRoleAsync(Role.Registrar, "Records.Notify.Pending.Subject", "Records.Notify.Pending.Body", "/records/changes",
            [context.CourseCode, context.PeriodCode], ct);

    internal static void Assign(Grade grade, int score)
    {
        grade.Score = score;
        grade.Letter = GradingScale.ForScore(score).Letter;
        grade.Revision++;
    }

    internal static GradeChangeView PendingView(GradeChange change, Enrolment enrolment, GradeContext context) =>
        new(change.Id, change.GradeId, enrolment.Id, enrolment.StudentId, context.StudentNumber, "", context.CourseCode, "", context.PeriodCode,
            change.OldScore, change.OldScore is { } o ? GradingScale.ForScore(o).Letter : null, change.NewScore, GradingScale.ForScore(change.NewScore).Letter,
            change.Reason, change.Status, change.RequestedById, "", change.RequestedAt, null, null, null, null);

    internal static Failure WindowClosed(AcademicPeriod period, string language) =>
        Problems.Conflict("Records.WindowClosed", language, period.Name(language), Day(period.GradingClosesOn, language));

    internal static string Day(DateOnly day, string language) => day.ToString("d MMMM yyyy", Languages.Culture(language));

    internal static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Failure Invalid(string field, string message, string language) =>
        Problems.Invalid(new FieldErrors { [field] = [message] }, language);

    private async Task<Dictionary<Guid, string>> StudentNumbersAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Students.AsNoTracking().Where(s => list.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, s => s.StudentNumber, ct);
    }
}
