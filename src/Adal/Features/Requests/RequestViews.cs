using System.Text.Json;
using Adal.Features.Catalog;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Requests;

public sealed record RequestView(
    Guid Id, string ServiceSlug, string ServiceName, int DefinitionVersion, string State, string Language,
    IReadOnlyDictionary<string, string> Fields, DateTime CreatedAt, DateTime? SubmittedAt, DateTime? ClosedAt,
    CurrentStepView? CurrentStep, string? DocumentNumber, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<AttachmentInfo> Attachments);

public sealed record CurrentStepView(int Index, string Key, string Role, bool FourEyes, bool AwaitingSecondSignature, bool Assigned, DateTime? DueAt, bool Escalated);

public sealed record TimelineEntry(string Action, string From, string To, DateTime At, string Actor, string? Reason);

public sealed record AttachmentInfo(Guid Id, string Key, string FileName, string ContentType, long Size, string Sha256);

public sealed record RequestListItem(Guid Id, string ServiceSlug, string ServiceName, string State, DateTime CreatedAt, DateTime? DueAt, string? DocumentNumber);

/// <summary>How a request is shown. An applicant never learns which officer handles the case, only the role:
/// knowing the name is the first step to asking a favour.</summary>
public static class RequestViews
{
    public static async Task<RequestView> ViewAsync(AdalDb db, ServiceRequest request, ServiceDefinition? service, Actor viewer, string language, CancellationToken ct)
    {
        var transitions = await TimelineOf.For(db)(db, request.Id).ToListAsync(ct);
        var attachments = await AttachmentsOf.For(db)(db, request.Id).ToListAsync(ct);
        return View(request, service, viewer, language, transitions, attachments);
    }

    /// <summary>
    /// The view of a request its own unit of work just created and committed, from the rows that unit wrote (EF Core
    /// put each transition added for it in its Transitions): everything the request has, so reading it back would give
    /// the same, at two queries and a connection more per filing.
    /// </summary>
    public static RequestView ViewOfCreated(ServiceRequest request, ServiceDefinition? service, Actor viewer, string language)
    {
        var transitions = request.Transitions.OrderBy(t => t.Id).ToList();
        var attachments = request.Attachments.Select(a => new AttachmentInfo(a.Id, a.Key, a.FileName, a.ContentType, a.Size, a.Sha256)).ToList();
        return View(request, service, viewer, language, transitions, attachments);
    }

    private static RequestView View(ServiceRequest request, ServiceDefinition? service, Actor viewer, string language,
        List<RequestTransition> transitions, List<AttachmentInfo> attachments)
    {
        var showNames = ShowsNames(viewer, request);
        var timeline = transitions.Select(t => new TimelineEntry(t.Action, RequestStates.Name(t.From), RequestStates.Name(t.To), t.At,
            t.ActorId is null ? Languages.Text("Actor.System", language)
                : t.ActorId == request.ApplicantId ? Languages.Text("Actor.Applicant", language)
                : showNames ? t.ActorName ?? "" : Languages.Text("Actor.Staff", language),
            t.Reason)).ToList();
        var step = service is not null && request.IsOpen && request.StepIndex < service.Workflow.Count ? service.Workflow[request.StepIndex] : null;
        return new RequestView(request.Id, request.ServiceSlug, service?.Name.In(language) ?? request.ServiceSlug, request.DefinitionVersion,
            RequestStates.Name(request.State), request.Language,
            JsonSerializer.Deserialize<Dictionary<string, string>>(request.FieldsJson) ?? [],
            request.CreatedAt, request.SubmittedAt, request.ClosedAt,
            step is null ? null : new CurrentStepView(request.StepIndex, step.Key, request.FirstSignerId is null ? step.Role : Role.Approver, step.FourEyes,
                request.FirstSignerId is not null, request.AssigneeId is not null, request.StepDueAt, request.EscalatedAt is not null),
            request.DocumentNumber, timeline, attachments);
    }

    /// <summary>Staff looking at someone else's case see who acted; the applicant sees roles.</summary>
    public static bool ShowsNames(Actor viewer, ServiceRequest request) => viewer.IsStaff && viewer.UserId != request.ApplicantId;

    // Compiled once: a status read is the commonest request of registration day, and translating its LINQ each time
    // cost more than running its SQL.
    private static readonly CompiledPerEngine<Func<AdalDb, Guid, IAsyncEnumerable<RequestTransition>>> TimelineOf = new(() =>
        EF.CompileAsyncQuery<AdalDb, Guid, RequestTransition>((db, requestId) => db.Transitions.AsNoTracking().Where(t => t.RequestId == requestId).OrderBy(t => t.Id)));

    private static readonly CompiledPerEngine<Func<AdalDb, Guid, IAsyncEnumerable<AttachmentInfo>>> AttachmentsOf = new(() =>
        EF.CompileAsyncQuery<AdalDb, Guid, AttachmentInfo>((db, requestId) => db.Attachments.AsNoTracking().Where(a => a.RequestId == requestId)
            .Select(a => new AttachmentInfo(a.Id, a.Key, a.FileName, a.ContentType, a.Size, a.Sha256))));

    public static RequestListItem ListItem(ServiceRequest r, CatalogProvider catalog, string language) =>
        new(r.Id, r.ServiceSlug, catalog.Current.Find(r.ServiceSlug)?.Name.In(language) ?? r.ServiceSlug,
            RequestStates.Name(r.State), r.CreatedAt, r.StepDueAt, r.DocumentNumber);
}
