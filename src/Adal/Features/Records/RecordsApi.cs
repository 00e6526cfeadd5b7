using Adal.Features.Records.Csv;
using Adal.Platform;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;

namespace Adal.Features.Records;

/// <summary>/api/records: the academic record over the API (bearer token), as documented in docs/import.md.</summary>
public static class RecordsApi
{
    // 100,000 grade rows are about 4 MB; the import keeps the whole file (its hash is in the ledger).
    private const int MaxImportBytes = 64 * 1024 * 1024;

    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/records").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("Records");
        api.MapPost("/import", Import)
            .WithSummary("Imports a CSV file (kind = periods, programmes, courses, teachers, students, offerings, enrolments or grades); dryRun=true (the default) only checks")
            .Accepts<string>("text/csv", "text/plain", "application/octet-stream", "application/vnd.ms-excel").Produces<ImportReport>().Produces<ImportReport>(400).ProducesValidationProblem().ProducesProblem(403);
        api.MapGet("/export", Export).WithSummary("Exports one kind in the import format (UTF-8, ';')")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(403);
        api.MapGet("/students/{id:guid}/transcript", Transcript)
            .WithSummary("A student's courses, grades, credits and GPA (the student, registrars, approvers, admins, auditors)")
            .Produces<TranscriptView>().ProducesProblem(404);
        api.MapPost("/grades", Enter)
            .WithSummary("Enters a grade: the course's teacher, within the grading window (201); after it, with a reason, a change waiting for approval (202)")
            .Produces<GradeView>(201).Produces<GradeChangeView>(202).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);
        api.MapPost("/grades/{id:guid}/changes", Change)
            .WithSummary("Changes a grade: applied at once by its teacher within the window (200); after it, with a reason, waits for a second person (202)")
            .Produces<GradeChangeView>().Produces<GradeChangeView>(202).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/changes", Changes).WithSummary("Grade changes, newest first; ?status=pending for those awaiting a decision (registrars, approvers, admins, auditors)")
            .Produces<List<GradeChangeView>>().ProducesProblem(403);
        api.MapPost("/changes/{id:guid}/approve", Approve).WithSummary("Approves a pending change: a registrar or approver who is not the one who asked (four eyes)")
            .Produces<GradeChangeView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapPost("/changes/{id:guid}/reject", Reject).WithSummary("Rejects a pending change, with a reason")
            .Produces<GradeChangeView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/gradebook", Gradebook).WithSummary("The signed-in teacher's course offerings, newest period first").Produces<List<OfferingSummary>>();
        api.MapGet("/offerings/{id:guid}", Sheet).WithSummary("An offering's class list with grades (its teacher and record staff)")
            .Produces<OfferingSheet>().ProducesProblem(404);
        return app;
    }

    private static async Task<IResult> Import(HttpRequest request, string? kind, bool? dryRun, RecordImporter importer, CancellationToken ct)
    {
        var language = Languages.Current;
        if (request.ContentLength > MaxImportBytes) return Problems.Invalid(new() { ["body"] = [Languages.Text("Records.Csv.TooLarge", language)] }, language).ToResult();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        if (body.Length > MaxImportBytes) return Problems.Invalid(new() { ["body"] = [Languages.Text("Records.Csv.TooLarge", language)] }, language).ToResult();
        var outcome = await importer.ImportAsync(Actor.From(request.HttpContext.User)!, kind, dryRun ?? true, body.ToArray(), language, ct);
        if (outcome.Failure is { } failure) return failure.ToResult();
        return outcome.Value!.Ok ? TypedResults.Ok(outcome.Value) : TypedResults.BadRequest(outcome.Value);
    }

    private static async Task<IResult> Export(HttpContext http, string? kind, RecordImporter importer, CancellationToken ct)
    {
        var outcome = await importer.ExportAsync(Actor.From(http.User)!, kind, Languages.Current, ct);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.File(outcome.Value!, "text/csv; charset=utf-8", $"{kind!.Trim().ToLowerInvariant()}.csv");
    }

    private static async Task<IResult> Transcript(Guid id, HttpContext http, AdalDb db, CancellationToken ct)
    {
        var actor = Actor.From(http.User)!;
        var language = Languages.Current;
        var transcript = actor.UserId == id || Offerings.ReadsAllRecords(actor) ? await Transcripts.LoadAsync(db, id, language, ct) : null;
        // Another student's record answers exactly like a missing one.
        return transcript is null ? Problems.NotFound("Records.StudentNotFound", language).ToResult() : TypedResults.Ok(transcript);
    }

    private static async Task<IResult> Enter(GradeEntryBody body, HttpContext http, Gradebook gradebook, CancellationToken ct)
    {
        var outcome = await gradebook.EnterAsync(Actor.From(http.User)!, body, Languages.Current, ct);
        if (outcome.Failure is { } failure) return failure.ToResult();
        var decision = outcome.Value!;
        return decision.Pending
            ? TypedResults.Accepted($"/api/records/changes?status=pending", decision.Change)
            : TypedResults.Created($"/api/records/students/{decision.Grade!.StudentId}/transcript", decision.Grade);
    }

    private static async Task<IResult> Change(Guid id, GradeChangeBody body, HttpContext http, GradeChanges changes, CancellationToken ct)
    {
        var outcome = await changes.RequestAsync(Actor.From(http.User)!, id, body, Languages.Current, ct);
        if (outcome.Failure is { } failure) return failure.ToResult();
        var decision = outcome.Value!;
        return decision.Pending ? TypedResults.Accepted("/api/records/changes?status=pending", decision.Change) : TypedResults.Ok(decision.Change);
    }

    private static async Task<IResult> Changes(string? status, HttpContext http, AdalDb db, CancellationToken ct)
    {
        var actor = Actor.From(http.User)!;
        var language = Languages.Current;
        if (!Offerings.ReadsAllRecords(actor)) return Problems.Forbidden("Records.NotAnApprover", language).ToResult();
        var query = string.IsNullOrWhiteSpace(status) ? db.GradeChanges : db.GradeChanges.Where(c => c.Status == status.Trim());
        return TypedResults.Ok(await GradeViews.ChangesAsync(db, query, language, 500, ct));
    }

    private static async Task<IResult> Approve(Guid id, ChangeDecisionBody? body, HttpContext http, GradeChanges changes, CancellationToken ct)
    {
        var outcome = await changes.ApproveAsync(Actor.From(http.User)!, id, body?.Reason, Languages.Current, ct);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(outcome.Value);
    }

    private static async Task<IResult> Reject(Guid id, ChangeDecisionBody? body, HttpContext http, GradeChanges changes, CancellationToken ct)
    {
        var outcome = await changes.RejectAsync(Actor.From(http.User)!, id, body?.Reason, Languages.Current, ct);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(outcome.Value);
    }

    private static async Task<IResult> Gradebook(HttpContext http, AdalDb db, UniversityDate date, CancellationToken ct) =>
        TypedResults.Ok(await Offerings.OfTeacherAsync(db, Actor.From(http.User)!.UserId, date.Today, Languages.Current, ct));

    private static async Task<IResult> Sheet(Guid id, HttpContext http, AdalDb db, UniversityDate date, CancellationToken ct)
    {
        var actor = Actor.From(http.User)!;
        var sheet = await Offerings.SheetAsync(db, id, date.Today, Languages.Current, ct);
        return sheet is null || (sheet.TeacherId != actor.UserId && !Offerings.ReadsAllRecords(actor))
            ? Problems.NotFound("Records.OfferingNotFound", Languages.Current).ToResult()
            : TypedResults.Ok(sheet);
    }
}
