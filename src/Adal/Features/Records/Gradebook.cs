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

/// <summary>
/// A grade to enter. The student is named by <c>studentNumber</c>, or by <c>student</c> / <c>studentId</c> (the id this
/// API hands out, the student number or the IIN); the course by <c>courseCode</c> (or <c>course</c>) and the period's
/// code, or by <c>offeringId</c> alone. Without a period, the course's one offering open for grading today is meant.
/// </summary>
/// <param name="Reason">Needed only after the grading window: the entry then waits for a second person's approval.</param>
public sealed record GradeEntryBody(string? StudentNumber, string? CourseCode, string? Period, decimal? Score, string? Reason,
    string? Student = null, string? StudentId = null, string? Course = null, string? OfferingId = null)
{
    /// <summary>The field the client named the student with (errors point at it), and its value.</summary>
    internal (string Field, string? Value) StudentNamed() =>
        StudentNumber is not null ? ("studentNumber", StudentNumber)
        : Student is not null ? ("student", Student)
        : StudentId is not null ? ("studentId", StudentId)
        : ("studentNumber", null);

    internal (string Field, string? Value) CourseNamed() =>
        CourseCode is not null || Course is null ? ("courseCode", CourseCode) : ("course", Course);
}

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
        var (studentField, studentKey) = body.StudentNamed();
        if (string.IsNullOrWhiteSpace(studentKey)) errors.Add(studentField, Languages.Text("Validation.Required", language));
        var (courseField, courseCode) = body.CourseNamed();
        Guid? offeringId = null;
        if (!string.IsNullOrWhiteSpace(body.OfferingId))
        {
            if (Guid.TryParse(body.OfferingId.Trim(), out var id)) offeringId = id;
            else errors.Add("offeringId", Languages.Text("Records.OfferingNotFound", language));
        }
        else if (string.IsNullOrWhiteSpace(courseCode)) errors.Add(courseField, Languages.Text("Validation.Required", language));
        if (errors.Count > 0) return Problems.Invalid(errors, language);

        var found = offeringId is { } offeringKey
            ? await OfferingByIdAsync(offeringKey, language, ct)
            : await OfferingOfCourseAsync(courseField, courseCode!.Trim(), body.Period, language, ct);
        if (found.Failure is { } failure) return failure;
        var offering = found.Value!;
        var (course, period) = (offering.Course!, offering.Period!);
        if (!MayGrade(actor, offering, period)) return Problems.Forbidden("Records.NotYourCourse", language, course.Code);

        var student = await StudentKey.FindAsync(db, studentKey, ct);
        if (student is null) return Invalid(studentField, Languages.Text("Records.UnknownStudent", language, studentKey!.Trim()), language);
        var number = student.StudentNumber;
        var enrolment = await db.Enrolments.Include(e => e.Grade).FirstOrDefaultAsync(e => e.OfferingId == offering.Id && e.StudentId == student.UserId, ct);
        if (enrolment is null) return Invalid(studentField, Languages.Text("Records.NotEnrolled", language, number, course.Code, period.Code), language);

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

    private async Task<Outcome<CourseOffering>> OfferingByIdAsync(Guid id, string language, CancellationToken ct)
    {
        var offering = await db.CourseOfferings.AsNoTracking().Include(o => o.Course).Include(o => o.Period).FirstOrDefaultAsync(o => o.Id == id, ct);
        return offering is null ? Invalid("offeringId", Languages.Text("Records.OfferingNotFound", language), language) : offering;
    }

    /// <summary>The course's offering in the named period; with no period, its one offering whose grading window is open today.</summary>
    private async Task<Outcome<CourseOffering>> OfferingOfCourseAsync(string courseField, string courseCode, string? periodCode, string language, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Code == courseCode, ct);
        if (course is null) return Invalid(courseField, Languages.Text("Records.UnknownCourse", language, courseCode), language);
        var offerings = db.CourseOfferings.AsNoTracking().Include(o => o.Period).Where(o => o.CourseId == course.Id);
        CourseOffering? offering;
        if (string.IsNullOrWhiteSpace(periodCode))
        {
            var open = (await offerings.ToListAsync(ct)).Where(o => o.Period!.Window(date.Today) == GradingWindowState.Open).ToList();
            if (open.Count != 1) return Invalid("period", Languages.Text("Records.PeriodRequired", language, course.Code), language);
            offering = open[0];
        }
        else
        {
            var code = periodCode.Trim();
            if (!await db.AcademicPeriods.AnyAsync(p => p.Code == code, ct)) return Invalid("period", Languages.Text("Records.UnknownPeriod", language, code), language);
            offering = await offerings.FirstOrDefaultAsync(o => o.Period!.Code == code, ct);
            if (offering is null) return Invalid(courseField, Languages.Text("Records.NotOffered", language, course.Code, code), language);
        }
        offering.Course = course;
        return offering;
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
