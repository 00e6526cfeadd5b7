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

public sealed record GradeChangeBody(decimal? Score, string? Reason);

public sealed record ChangeDecisionBody(string? Reason);

/// <summary>
/// Changes to a grade. Within the grading window the course's teacher corrects their own grade at once. After
/// it, the teacher or a registrar asks, with a reason, and a second person — a registrar or an approver who is
/// neither the one who asked, nor the course's teacher, nor the student — approves or rejects (four eyes).
/// Only an applied or approved change touches the score, and it enters the ledger in the same transaction.
/// </summary>
public sealed class GradeChanges(AdalDb db, TenantContext tenant, LedgerRecorder ledger, UniversityDate date, Gradebook gradebook, Notifier notifier)
{
    private const int MaxReason = 2000;

    public async Task<Outcome<GradeDecision>> RequestAsync(Actor actor, Guid gradeId, GradeChangeBody body, string language, CancellationToken ct)
    {
        var grade = await db.Grades.Include(g => g.Enrolment!).ThenInclude(e => e.Offering!).ThenInclude(o => o.Course)
            .Include(g => g.Enrolment!.Offering!.Period).FirstOrDefaultAsync(g => g.Id == gradeId, ct);
        if (grade is null) return Problems.NotFound("Records.GradeNotFound", language);
        var enrolment = grade.Enrolment!;
        var offering = enrolment.Offering!;
        var period = offering.Period!;
        if (!gradebook.MayGrade(actor, offering, period)) return Problems.Forbidden("Records.NotYourCourse", language, offering.Course!.Code);

        var errors = new FieldErrors();
        var score = Scores.Read(body.Score, "score", language, errors);
        if (score == grade.Score) errors.Add("score", Languages.Text("Records.SameScore", language));
        if (body.Reason?.Length > MaxReason) errors.Add("reason", Languages.Text("Validation.MaxLength", language, MaxReason));
        var window = period.Window(date.Today);
        if (window != GradingWindowState.Open && string.IsNullOrWhiteSpace(body.Reason))
            errors.Add("reason", Languages.Text("Records.ReasonAfterWindow", language, period.Name(language), Gradebook.Day(period.GradingClosesOn, language)));
        if (errors.Count > 0) return Problems.Invalid(errors, language);

        var number = await db.Students.Where(s => s.UserId == enrolment.StudentId).Select(s => s.StudentNumber).FirstAsync(ct);
        var context = new GradeContext(offering.Course!.Code, period.Code, number);
        GradeChange change;
        if (window == GradingWindowState.Open)
        {
            change = gradebook.ApplyWithinWindow(actor, grade, context, enrolment, score!.Value, body.Reason);
        }
        else
        {
            if (await db.GradeChanges.AnyAsync(c => c.EnrolmentId == enrolment.Id && c.Status == GradeChangeStatus.Pending, ct))
                return Problems.Conflict("Records.ChangePending", language);
            change = new GradeChange
            {
                Id = Guid.CreateVersion7(), TenantId = tenant.Required, EnrolmentId = enrolment.Id, GradeId = grade.Id, OldScore = grade.Score,
                NewScore = score!.Value, Reason = Gradebook.Trimmed(body.Reason), Status = GradeChangeStatus.Pending,
                RequestedById = actor.UserId, RequestedAt = date.UtcNow,
            };
            db.GradeChanges.Add(change);
            await gradebook.NotifyPendingAsync(context, ct);
        }
        await db.SaveChangesAsync(ct);
        var view = await GradeViews.ChangeAsync(db, change.Id, language, ct);
        return new GradeDecision(change.Status == GradeChangeStatus.Applied ? GradeViews.Of(grade, enrolment, context) : null, view);
    }

    public async Task<Outcome<GradeChangeView>> ApproveAsync(Actor actor, Guid changeId, string? note, string language, CancellationToken ct)
    {
        var (change, failure) = await DecidableAsync(actor, changeId, note, noteRequired: false, language, ct);
        if (failure is not null) return failure;
        var enrolment = change!.Enrolment!;
        var offering = enrolment.Offering!;
        var number = await db.Students.Where(s => s.UserId == enrolment.StudentId).Select(s => s.StudentNumber).FirstAsync(ct);
        var context = new GradeContext(offering.Course!.Code, offering.Period!.Code, number);
        var now = date.UtcNow;
        if (change.GradeId is null)
        {
            if (await db.Grades.AnyAsync(g => g.EnrolmentId == enrolment.Id, ct)) return Problems.Conflict("Records.StaleChange", language);
            var grade = new Grade
            {
                Id = Guid.CreateVersion7(), TenantId = tenant.Required, EnrolmentId = enrolment.Id, Score = change.NewScore,
                Letter = GradingScale.ForScore(change.NewScore).Letter, EnteredById = change.RequestedById, EnteredAt = now, GradedOn = date.Today,
            };
            db.Grades.Add(grade);
            change.GradeId = grade.Id;
            GradeLedger.Entered(ledger, now, grade, context, change.RequestedById, basis: "late_approved", approver: actor.UserId, reason: change.Reason, change: change);
        }
        else
        {
            var grade = await db.Grades.FirstAsync(g => g.Id == change.GradeId, ct);
            // Approving a change asked against a score that has since changed would silently overwrite that change.
            if (grade.Score != change.OldScore) return Problems.Conflict("Records.StaleChange", language);
            Gradebook.Assign(grade, change.NewScore);
            GradeLedger.Changed(ledger, now, grade, change.OldScore!.Value, context, change, basis: "approved", approver: actor.UserId);
        }
        Decide(change, actor, GradeChangeStatus.Approved, note);
        await notifier.NotifyAsync(change.RequestedById, "Records.Notify.Approved.Subject", "Records.Notify.Approved.Body", "/gradebook",
            [context.CourseCode, context.PeriodCode], ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("Records.StaleChange", language);
        }
        catch (DbUpdateException) when (change.OldScore is null)
        {
            // Two approvals of late first grades for one enrolment at once: the unique index keeps one.
            return Problems.Conflict("Records.StaleChange", language);
        }
        return await GradeViews.ChangeAsync(db, change.Id, language, ct);
    }

    public async Task<Outcome<GradeChangeView>> RejectAsync(Actor actor, Guid changeId, string? reason, string language, CancellationToken ct)
    {
        var (change, failure) = await DecidableAsync(actor, changeId, reason, noteRequired: true, language, ct);
        if (failure is not null) return failure;
        Decide(change!, actor, GradeChangeStatus.Rejected, reason);
        await notifier.NotifyAsync(change!.RequestedById, "Records.Notify.Rejected.Subject", "Records.Notify.Rejected.Body", "/gradebook",
            [change.Enrolment!.Offering!.Course!.Code, change.Enrolment.Offering.Period!.Code, reason!.Trim()], ct);
        await db.SaveChangesAsync(ct);
        return await GradeViews.ChangeAsync(db, change.Id, language, ct);
    }

    /// <summary>Four eyes: a registrar or approver, and never the one who asked, the course's teacher or the student.</summary>
    private async Task<(GradeChange? Change, Failure? Failure)> DecidableAsync(Actor actor, Guid changeId, string? note, bool noteRequired, string language, CancellationToken ct)
    {
        var change = await db.GradeChanges.Include(c => c.Enrolment!).ThenInclude(e => e.Offering!).ThenInclude(o => o.Course)
            .Include(c => c.Enrolment!.Offering!.Period).FirstOrDefaultAsync(c => c.Id == changeId, ct);
        if (change is null) return (null, Problems.NotFound("Records.ChangeNotFound", language));
        if (!actor.Has(Role.Registrar) && !actor.Has(Role.Approver)) return (null, Problems.Forbidden("Records.NotAnApprover", language));
        var enrolment = change.Enrolment!;
        if (actor.UserId == change.RequestedById || actor.UserId == enrolment.Offering!.TeacherId || actor.UserId == enrolment.StudentId)
            return (null, Problems.Forbidden("Records.SecondPersonRequired", language));
        if (change.Status != GradeChangeStatus.Pending) return (null, Problems.Conflict("Records.ChangeDecided", language));
        var errors = new FieldErrors();
        if (noteRequired && string.IsNullOrWhiteSpace(note)) errors.Add("reason", Languages.Text("Records.ReasonRequired", language));
        if (note?.Length > MaxReason) errors.Add("reason", Languages.Text("Validation.MaxLength", language, MaxReason));
        return errors.Count > 0 ? (null, Problems.Invalid(errors, language)) : (change, null);
    }

    private void Decide(GradeChange change, Actor actor, string status, string? note)
    {
        change.Status = status;
        change.DecidedById = actor.UserId;
        change.DecidedAt = date.UtcNow;
        change.DecisionNote = Gradebook.Trimmed(note);
    }
}
