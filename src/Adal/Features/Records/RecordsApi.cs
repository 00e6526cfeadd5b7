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
            .WithDescription("The CSV file is the request body (UTF-8, ';' or ',', the header exactly as in docs/import.md), or the first file of a "
                + "multipart/form-data upload. 200 with {\"ok\": true, \"imported\": n, \"errors\": []}; 400 with ok false and errors "
                + "[{\"line\", \"column\", \"message\"}] (column null when the problem is the whole line or file) and nothing changed. "
                + "A real run (dryRun=false) is all or nothing. An unknown kind is a 400 ProblemDetails.")
            .Accepts<string>("text/csv", "text/plain", "application/octet-stream", "application/vnd.ms-excel", "multipart/form-data").Produces<ImportReport>().Produces<ImportReport>(400).ProducesValidationProblem().ProducesProblem(403);
        api.MapGet("/export", Export).WithSummary("Exports one kind in the import format (UTF-8, ';')")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(403);
        api.MapGet("/students/{id}/transcript", Transcript)
            .WithSummary("A student's courses, grades, credits and GPA (the student, registrars, approvers, admins, auditors)")
            .WithDescription("{id} is the student's id (studentId elsewhere in this API), the student number (2023-FIT-0001) or the IIN. "
                + "`courses` lists every attempt with its period; `periods` groups them; `gpa` is the cumulative GPA and `creditsEarned` the credits passed. "
                + "Another student's record answers 404, as a missing one does.")
            .Produces<TranscriptView>().ProducesProblem(404);
        api.MapPost("/grades", Enter)
            .WithSummary("Enters a grade: the course's teacher, within the grading window (201); after it, with a reason, a change waiting for approval (202)")
            .WithDescription("Body: {\"studentNumber\", \"courseCode\", \"period\", \"score\"} (score a whole number 0–100; \"reason\" after the window). "
                + "The student may be named by studentNumber, student or studentId (the id, the student number or the IIN); the course by courseCode "
                + "or course with the period's code (2026-2027-1) — or by offeringId alone. Without a period, the course's one offering open for grading "
                + "today is meant. 201 returns the grade (id, score, letter, points); 202 a pending change (status \"pending\"), decided at "
                + "/api/records/changes/{id}/approve or /reject. 400 names the bad field; 403 another teacher's course; 409 already graded or window not open.")
            .Produces<GradeView>(201).Produces<GradeChangeView>(202).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);
        api.MapPost("/grades/{id:guid}/changes", Change)
            .WithSummary("Changes a grade: applied at once by its teacher within the window (200); after it, with a reason, waits for a second person (202)")
            .Produces<GradeChangeView>().Produces<GradeChangeView>(202).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/changes/{id:guid}", ChangeById).WithSummary("One grade change and its status: applied, pending, approved or rejected (who asked, the record staff)")
            .Produces<GradeChangeView>().ProducesProblem(404);
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
        if (request.HasFormContentType)
        {
            // A client that uploads the file as a form (multipart/form-data) rather than as the body: its first file.
            var form = await request.ReadFormAsync(ct);
            if (form.Files.Count == 0) return Problems.Invalid(new() { ["file"] = [Languages.Text("Records.Import.ChooseFile", language)] }, language).ToResult();
            await form.Files[0].CopyToAsync(body, ct);
        }
        else
        {
            await request.Body.CopyToAsync(body, ct);
        }
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

    private static async Task<IResult> Transcript(string id, HttpContext http, AdalDb db, CancellationToken ct)
    {
        var actor = Actor.From(http.User)!;
        var language = Languages.Current;
        var student = await StudentKey.FindAsync(db, id, ct);
        var transcript = student is not null && (actor.UserId == student.UserId || Offerings.ReadsAllRecords(actor))
            ? await Transcripts.LoadAsync(db, student.UserId, language, ct)
            : null;
        // Another student's record answers exactly like a missing one.
        return transcript is null ? Problems.NotFound("Records.StudentNotFound", language).ToResult() : TypedResults.Ok(transcript);
    }

    private static async Task<IResult> Enter(GradeEntryBody body, HttpContext http, Gradebook gradebook, CancellationToken ct)
    {
        var outcome = await gradebook.EnterAsync(Actor.From(http.User)!, body, Languages.Current, ct);
        if (outcome.Failure is { } failure) return failure.ToResult();
        var decision = outcome.Value!;
        return decision.Pending
            ? TypedResults.Accepted($"/api/records/changes/{decision.Change!.Id}", decision.Change)
            : TypedResults.Created($"/api/records/students/{decision.Grade!.StudentId}/transcript", decision.Grade);
    }

    private static async Task<IResult> Change(Guid id, GradeChangeBody body, HttpContext http, GradeChanges changes, CancellationToken ct)
    {
        var outcome = await changes.RequestAsync(Actor.From(http.User)!, id, body, Languages.Current, ct);
        if (outcome.Failure is { } failure) return failure.ToResult();
        var decision = outcome.Value!;
        return decision.Pending ? TypedResults.Accepted($"/api/records/changes/{decision.Change!.Id}", decision.Change) : TypedResults.Ok(decision.Change);
    }

    private static async Task<IResult> Changes(string? status, HttpContext http, AdalDb db, CancellationToken ct)
    {
        var actor = Actor.From(http.User)!;
        var language = Languages.Current;
        if (!Offerings.ReadsAllRecords(actor)) return Problems.Forbidden("Records.NotAnApprover", language).ToResult();
        var query = string.IsNullOrWhiteSpace(status) ? db.GradeChanges : db.GradeChanges.Where(c => c.Status == status.Trim());
        return TypedResults.Ok(await GradeViews.ChangesAsync(db, query, language, 500, ct));
    }

    private static async Task<IResult> ChangeById(Guid id, HttpContext http, AdalDb db, CancellationToken ct)
    {
        var actor = Actor.From(http.User)!;
        var language = Languages.Current;
        var found = (await GradeViews.ChangesAsync(db, db.GradeChanges.Where(c => c.Id == id), language, 1, ct)).SingleOrDefault();
        // Like a transcript: a change the caller may not read answers exactly like a missing one.
        return found is not null && (found.RequestedById == actor.UserId || Offerings.ReadsAllRecords(actor))
            ? TypedResults.Ok(found)
            : Problems.NotFound("Records.ChangeNotFound", language).ToResult();
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
