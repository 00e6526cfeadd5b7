using System.Text.Json;
using Adal.Features.Catalog;
using Adal.Platform;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Adal.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Requests;

public sealed record AttachmentBody(string? Key, string? FileName, string? ContentBase64);

public sealed record CreateRequestBody(string? ServiceSlug, Dictionary<string, JsonElement>? Fields, List<AttachmentBody>? Attachments, bool? Draft);

/// <summary>Either "action" (submit, withdraw, resubmit, approve, reject, request_correction) or "to" (the wanted state).</summary>
public sealed record TransitionBody(string? Action, string? To, string? Reason, Dictionary<string, JsonElement>? Fields, List<AttachmentBody>? Attachments);

public static class RequestsApi
{
    public static IEndpointRouteBuilder MapRequestsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("Requests");
        api.MapPost("/requests", Create).WithSummary("Applies for a service; an automatic service comes back already issued")
            .Produces<RequestView>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        api.MapGet("/requests", Mine).WithSummary("The signed-in person's requests, newest first").Produces<List<RequestListItem>>();
        api.MapGet("/requests/{id:guid}", Get).WithSummary("A request with its state, current step, timeline and, once issued, documentNumber")
            .Produces<RequestView>().ProducesProblem(404);
        api.MapPost("/requests/{id:guid}/transitions", Transition)
            .WithSummary("Moves a request: {\"action\": \"approve\"} or {\"to\": \"approved\"}, with \"reason\" for reject and request_correction")
            .Produces<RequestView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/requests/{id:guid}/attachments/{attachmentId:guid}", Attachment).WithSummary("Downloads an attached file").ProducesProblem(404);
        api.MapGet("/queue", Queue).WithSummary("The cases the system assigned to the signed-in officer or approver").Produces<List<RequestListItem>>();
        return app;
    }

    private static async Task<IResult> Create(CreateRequestBody body, HttpContext http, RequestWorkflow workflow, AdalDb db, CatalogProvider catalog,
        RequestViewCache views, CancellationToken ct)
    {
        var actor = Actor.From(http.User)!;
        var language = Languages.Current;
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.ServiceSlug)) errors.Add("serviceSlug", Languages.Text("Validation.Required", language));
        var fields = ReadFields(body.Fields, language, errors);
        var files = ReadFiles(body.Attachments, language, errors);
        if (errors.Count > 0) return Problems.Invalid(errors, language).ToResult();
        var epoch = views.Epoch;
        await using var connection = await KeepOpenAsync(db, ct);
        var outcome = await workflow.CreateAsync(actor, body.ServiceSlug!, fields, files, submit: body.Draft != true, language, ct);
        if (outcome.Failure is { } failure) return failure.ToResult();
        var request = outcome.Value!;
        var view = RequestViews.ViewOfCreated(request, catalog.Current.Find(request.ServiceSlug), actor, language);
        http.Response.Headers.Location = $"/api/requests/{request.Id}";
        // Stored for the status reads that follow a filing: the applicant checks on it next.
        return new JsonBytes(views.Store(request, actor, language, view, epoch), StatusCodes.Status201Created);
    }

    private static async Task<IResult> Mine(HttpContext http, AdalDb db, CatalogProvider catalog, CancellationToken ct)
    {
        var actor = Actor.From(http.User)!;
        var userId = actor.UserId;
        var requests = await db.Requests.AsNoTracking().Where(r => r.ApplicantId == userId)
            .OrderByDescending(r => r.CreatedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(requests.Select(r => RequestViews.ListItem(r, catalog, Languages.Current)).ToList());
    }

    private static async Task<IResult> Queue(HttpContext http, AdalDb db, CatalogProvider catalog, CancellationToken ct)
    {
        var actor = Actor.From(http.User)!;
        var userId = actor.UserId;
        var requests = await db.Requests.AsNoTracking().Where(r => r.AssigneeId == userId && r.State == RequestState.InReview)
            .OrderBy(r => r.StepDueAt).Take(500).ToListAsync(ct);
        return TypedResults.Ok(requests.Select(r => RequestViews.ListItem(r, catalog, Languages.Current)).ToList());
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, RequestWorkflow workflow, AdalDb db, RequestViewCache views, CancellationToken ct)
    {
        var actor = Actor.From(http.User)!;
        var language = Languages.Current;
        // The applicant's own request, unchanged since its view was stored: answered without the database.
        if (views.FindOwn(id, actor.UserId, language) is { } own) return new JsonBytes(own);
        var epoch = views.Epoch;
        await using var connection = await KeepOpenAsync(db, ct);
        // Another person's request answers exactly like a missing one: its existence is not disclosed.
        if (await workflow.FindVisibleAsync(actor, id, ct) is not { } found) return Problems.NotFound("Problem.RequestNotFound", language).ToResult();
        var (request, service) = found;
        var json = views.Find(request, actor, language)
            ?? views.Store(request, actor, language, await RequestViews.ViewAsync(db, request, service, actor, language, ct), epoch);
        return new JsonBytes(json);
    }

    private static async Task<IResult> Transition(Guid id, TransitionBody body, HttpContext http, RequestWorkflow workflow, AdalDb db,
        CatalogProvider catalog, CatalogVersions versions, RequestViewCache views, CancellationToken ct)
    {
        var actor = Actor.From(http.User)!;
        var language = Languages.Current;
        var errors = new FieldErrors();
        var action = body.Action ?? RequestAction.FromTargetState(body.To);
        if (action is null || !RequestAction.All.Contains(action)) errors.Add(body.Action is null && body.To is not null ? "to" : "action", Languages.Text("Validation.Option", language));
        var fields = body.Fields is null ? null : ReadFields(body.Fields, language, errors);
        var files = ReadFiles(body.Attachments, language, errors);
        if (errors.Count > 0) return Problems.Invalid(errors, language).ToResult();
        var epoch = views.Epoch;
        await using var connection = await KeepOpenAsync(db, ct);
        var outcome = await workflow.ActAsync(actor, id, action!, body.Reason, fields, files, language, ct);
        if (outcome.Failure is { } failure) return failure.ToResult();
        var request = outcome.Value!;
        var service = await versions.FindAsync(db, catalog.Current, request.ServiceSlug, request.DefinitionVersion, ct);
        var view = await RequestViews.ViewAsync(db, request, service, actor, language, ct);
        return new JsonBytes(views.Store(request, actor, language, view, epoch));
    }

    private static async Task<IResult> Attachment(Guid id, Guid attachmentId, HttpContext http, RequestWorkflow workflow, CancellationToken ct)
    {
        var file = await workflow.FindAttachmentAsync(Actor.From(http.User)!, id, attachmentId, ct);
        return file is null ? Problems.NotFound("Problem.RequestNotFound", Languages.Current).ToResult() : TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>
    /// One connection for the request's several queries, closed when the request ends: EF Core otherwise takes a connection
    /// from the pool and gives it back around every query, and under load the pool's lock is the busiest thing in the
    /// process. Closed explicitly because contexts are pooled: a context returned with an open it never closed keeps
    /// counting it, and its next user could not lend it to a group commit.
    /// </summary>
    private static async Task<OpenConnection> KeepOpenAsync(AdalDb db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return new OpenConnection(db);
    }

    private readonly struct OpenConnection(AdalDb db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(db.Database.CloseConnectionAsync());
    }

    /// <summary>JSON values to the form's strings; nested objects and arrays are not form values.</summary>
    internal static Dictionary<string, string?> ReadFields(Dictionary<string, JsonElement>? fields, string language, FieldErrors errors)
    {
        var result = new Dictionary<string, string?>();
        foreach (var (name, value) in fields ?? [])
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: result[name] = value.GetString(); break;
                case JsonValueKind.Number: result[name] = value.GetRawText(); break;
                case JsonValueKind.True: result[name] = "true"; break;
                case JsonValueKind.False: result[name] = "false"; break;
                case JsonValueKind.Null: result[name] = null; break;
                default: errors.Add(name, Languages.Text("Validation.Scalar", language)); break;
            }
        }
        return result;
    }

    internal static List<UploadedFile> ReadFiles(List<AttachmentBody>? attachments, string language, FieldErrors errors)
    {
        var files = new List<UploadedFile>();
        for (var i = 0; i < (attachments?.Count ?? 0); i++)
        {
            var a = attachments![i];
            if (string.IsNullOrWhiteSpace(a.Key) || string.IsNullOrEmpty(a.ContentBase64))
            {
                errors.Add($"attachments[{i}]", Languages.Text("Validation.Required", language));
                continue;
            }
            // 20 MiB of file is ~27 MiB of base64; the request size limit refuses more before we get here.
            var buffer = new byte[a.ContentBase64.Length * 3 / 4 + 3];
            if (!Convert.TryFromBase64String(a.ContentBase64, buffer, out var length))
            {
                errors.Add($"attachments.{a.Key}", Languages.Text("Validation.Base64", language));
                continue;
            }
            files.Add(new UploadedFile(a.Key, a.FileName ?? a.Key, "", buffer[..length]));
        }
        return files;
    }
}
