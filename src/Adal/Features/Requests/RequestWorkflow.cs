using System.Security.Cryptography;
using System.Text.Json;
using Adal.Features.Assignment;
using Adal.Features.Catalog;
using Adal.Features.University;
using Adal.Features.Documents;
using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Features.Notifications;
using Adal.Features.Sla;
using Adal.Platform;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Requests;

/// <summary>
/// The life-cycle of a request: draft → submitted → in review ⇄ needs correction → approved → issued,
/// or rejected / withdrawn. Every move is a <see cref="RequestTransition"/> with its actor, time and reason;
/// a move the state machine does not allow is refused and changes nothing.
/// </summary>
public sealed class RequestWorkflow(
    AdalDb db,
    CatalogProvider catalog,
    CatalogVersions versions,
    OfficerAssignment assignment,
    SlaClock sla,
    DocumentIssuer documents,
    Notifier notifier,
    PersonReads people,
    TenantContext tenant,
    LedgerRecorder ledger,
    TimeProvider clock)
{
    public async Task<Outcome<ServiceRequest>> CreateAsync(Actor applicant, string slug, IReadOnlyDictionary<string, string?> fields,
        IReadOnlyList<UploadedFile> files, bool submit, string language, CancellationToken ct)
    {
        var service = catalog.Current.Find(slug);
        if (service is null) return Problems.NotFound("Problem.UnknownService", language);
        var profile = await ApplicantProfiles.LoadAsync(people, applicant.UserId, ct);
        if (!Eligibility.MayApply(profile, service)) return Problems.Forbidden("Problem.NotEligible", language);
        var errors = new FieldErrors();
        var values = FormValidation.Validate(service, fields, language, errors);
        FormValidation.ValidateAttachments(service, files, language, errors, requireAll: submit);
        if (errors.Count > 0) return Problems.Invalid(errors, language);

        var now = Now;
        var request = new ServiceRequest
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant.Required,
            ServiceSlug = service.Slug,
            DefinitionVersion = service.Version,
            ApplicantId = applicant.UserId,
            State = RequestState.Draft,
            Language = Languages.Normalize(language),
            FieldsJson = JsonSerializer.Serialize(values),
            CreatedAt = now,
        };
        AttachFiles(request, files, now);
        db.Insert(request);
        Record(request, RequestState.Draft, "create", applicant, null);
        if (submit) await SubmitAsync(request, service, profile, applicant, ct);
        await db.SaveChangesAsync(ct);
        return request;
    }

    public async Task<Outcome<ServiceRequest>> ActAsync(Actor actor, Guid requestId, string action, string? reason,
        IReadOnlyDictionary<string, string?>? fields, IReadOnlyList<UploadedFile>? files, string language, CancellationToken ct)
    {
        var request = await db.Requests.Include(r => r.Attachments).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || !await MaySeeAsync(actor, request, ct)) return Problems.NotFound("Problem.RequestNotFound", language);
        var service = await versions.FindAsync(db, catalog.Current, request.ServiceSlug, request.DefinitionVersion, ct);
        if (service is null) return Problems.NotFound("Problem.UnknownService", language);
        var isApplicant = request.ApplicantId == actor.UserId;
        var isAssignee = request.AssigneeId == actor.UserId;
        var needsReason = action is RequestAction.Reject or RequestAction.RequestCorrection;
        if (needsReason && string.IsNullOrWhiteSpace(reason))
            return Problems.Invalid(new FieldErrors { ["reason"] = [Languages.Text("Validation.ReasonRequired", language)] }, language);
        if (reason?.Length > 2000)
            return Problems.Invalid(new FieldErrors { ["reason"] = [Languages.Text("Validation.MaxLength", language, 2000)] }, language);

        var allowed = (action, request.State) switch
        {
            (RequestAction.Submit, RequestState.Draft) => isApplicant,
            (RequestAction.Withdraw, RequestState.Draft or RequestState.Submitted or RequestState.InReview or RequestState.NeedsCorrection) => isApplicant,
            (RequestAction.Resubmit, RequestState.NeedsCorrection) => isApplicant,
            (RequestAction.Approve or RequestAction.Reject or RequestAction.RequestCorrection, RequestState.InReview) => isAssignee,
            _ => (bool?)null,
        };
        if (!RequestAction.All.Contains(action)) return Problems.Invalid(new FieldErrors { ["action"] = [Languages.Text("Validation.Option", language)] }, language);
        if (allowed is null) return Problems.Conflict("Problem.IllegalTransition", language, action, RequestStates.Name(request.State));
        if (allowed == false) return Problems.Forbidden("Problem.NotYourTurn", language);
        if (action is RequestAction.RequestCorrection && request.FirstSignerId is not null)
            return Problems.Conflict("Problem.IllegalTransition", language, action, RequestStates.Name(request.State));

        switch (action)
        {
            case RequestAction.Submit:
            case RequestAction.Resubmit:
            {
                var errors = new FieldErrors();
                if (fields is not null)
                {
                    var values = FormValidation.Validate(service, fields, language, errors);
                    if (errors.Count == 0) request.FieldsJson = JsonSerializer.Serialize(values);
                }
                var incoming = files ?? [];
                FormValidation.ValidateAttachments(service, incoming, language, errors, requireAll: false);
                var present = request.Attachments.Select(a => a.Key).Concat(incoming.Select(f => f.Key)).ToHashSet();
                foreach (var missing in service.Attachments.Where(a => a.Required && !present.Contains(a.Key)))
                    errors.Add($"attachments.{missing.Key}", Languages.Text("Validation.Required", language));
                if (errors.Count > 0) return Problems.Invalid(errors, language);
                request.Attachments.RemoveAll(a => incoming.Any(f => f.Key == a.Key));
                AttachFiles(request, incoming, Now);
                var profile = await ApplicantProfiles.LoadAsync(people, request.ApplicantId, ct);
                if (action == RequestAction.Submit) await SubmitAsync(request, service, profile, actor, ct);
                else
                {
                    Move(request, RequestState.InReview, RequestAction.Resubmit, actor, null);
                    RecordSubmission(request, service, RequestAction.Resubmit);
                    StartStepClock(request, service.Workflow[request.StepIndex]);
                    if (request.AssigneeId is { } officer)
                        await notifier.NotifyAsync(officer, "Notify.Corrected.Subject", "Notify.Corrected.Body", $"/queue/{request.Id}", [service.Name], ct);
                }
                break;
            }
            case RequestAction.Withdraw:
                Move(request, RequestState.Withdrawn, action, actor, reason);
                Close(request);
                break;
            case RequestAction.RequestCorrection:
                Move(request, RequestState.NeedsCorrection, action, actor, reason);
                RecordDecision(request, service, LedgerEventTypes.RequestDecided, "request_correction", actor, reason);
                request.StepDueAt = null;
                await notifier.NotifyAsync(request.ApplicantId, "Notify.Correction.Subject", "Notify.Correction.Body", $"/requests/{request.Id}", [service.Name, reason!], ct);
                break;
            case RequestAction.Reject:
                Move(request, RequestState.Rejected, action, actor, reason);
                RecordDecision(request, service, LedgerEventTypes.RequestRefused, "reject", actor, reason);
                Close(request);
                await notifier.NotifyAsync(request.ApplicantId, "Notify.Rejected.Subject", "Notify.Rejected.Body", $"/requests/{request.Id}", [service.Name, reason!], ct);
                break;
            case RequestAction.Approve:
                await ApproveStepAsync(request, service, actor, reason, ct);
                break;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else moved the case between our read and our write: theirs stands, ours is refused.
            return Problems.Conflict("Problem.Concurrent", language);
        }
        return request;
    }

    /// <summary>
    /// A request as <paramref name="actor"/> may read it, with the definition version it was filed under; null when it is
    /// missing or not theirs to see — the two answer alike, so a request's existence is not disclosed.
    /// </summary>
    public async Task<(ServiceRequest Request, ServiceDefinition? Service)?> FindVisibleAsync(Actor actor, Guid requestId, CancellationToken ct)
    {
        var request = await RequestById.For(db)(db, requestId);
        if (request is null || !await MaySeeAsync(actor, request, ct)) return null;
        return (request, await versions.FindAsync(db, catalog.Current, request.ServiceSlug, request.DefinitionVersion, ct));
    }

    /// <summary>A file attached to a request <paramref name="actor"/> may see; null otherwise.</summary>
    public async Task<RequestAttachment?> FindAttachmentAsync(Actor actor, Guid requestId, Guid attachmentId, CancellationToken ct) =>
        await FindVisibleAsync(actor, requestId, ct) is null
            ? null
            : await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.RequestId == requestId, ct);

    /// <summary>Who may see a request: its applicant, anyone ever assigned to it, administrators and auditors.</summary>
    public async Task<bool> MaySeeAsync(Actor actor, ServiceRequest request, CancellationToken ct)
    {
        if (request.ApplicantId == actor.UserId || request.AssigneeId == actor.UserId) return true;
        if (actor.Has(Role.Admin) || actor.Has(Role.Auditor)) return true;
        return actor.IsStaff && await EverAssigned.For(db)(db, request.Id, actor.UserId);
    }

    // Compiled once: every status read and case view runs these.
    private static readonly CompiledPerEngine<Func<AdalDb, Guid, Task<ServiceRequest?>>> RequestById = new(() =>
        EF.CompileAsyncQuery((AdalDb db, Guid requestId) => db.Requests.AsNoTracking().FirstOrDefault(r => r.Id == requestId)));

    private static readonly CompiledPerEngine<Func<AdalDb, Guid, Guid, Task<bool>>> EverAssigned = new(() =>
        EF.CompileAsyncQuery((AdalDb db, Guid requestId, Guid staffId) => db.Transitions.Any(t => t.RequestId == requestId && t.AssigneeId == staffId)));

    private async Task SubmitAsync(ServiceRequest request, ServiceDefinition service, ApplicantProfile profile, Actor applicant, CancellationToken ct)
    {
        request.SubmittedAt = Now;
        Move(request, RequestState.Submitted, RequestAction.Submit, applicant, null);
        RecordSubmission(request, service, RequestAction.Submit);
        await AdvanceAsync(request, service, profile, ct);
    }

    /// <summary>Decides automatic steps, assigns the first human step, or finishes the request.</summary>
    internal async Task AdvanceAsync(ServiceRequest request, ServiceDefinition service, ApplicantProfile profile, CancellationToken ct)
    {
        while (request.StepIndex < service.Workflow.Count)
        {
            var step = service.Workflow[request.StepIndex];
            if (step.AutoDecision is not null && Eligibility.Satisfies(profile, step.AutoDecision))
            {
                Record(request, request.State, "auto_approve", null, null);
                RecordDecision(request, service, LedgerEventTypes.RequestDecided, "approve", null, null);
                request.StepIndex++;
                continue;
            }
            await AssignAsync(request, service, step.Role, exclude: [], ct);
            return;
        }
        Move(request, RequestState.Approved, RequestAction.Approve, null, null);
        request.AssigneeId = null;
        request.StepDueAt = null;
        if (service.Document is not null)
        {
            var document = await documents.IssueAsync(request, service, ct);
            request.DocumentNumber = document.Number;
            Move(request, RequestState.Issued, "issue", null, null);
            await notifier.NotifyAsync(request.ApplicantId, "Notify.Issued.Subject", "Notify.Issued.Body", $"/requests/{request.Id}", [service.Name, document.Number], ct);
        }
        else
        {
            await notifier.NotifyAsync(request.ApplicantId, "Notify.Approved.Subject", "Notify.Approved.Body", $"/requests/{request.Id}", [service.Name], ct);
        }
        Close(request);
    }

    private async Task ApproveStepAsync(ServiceRequest request, ServiceDefinition service, Actor actor, string? reason, CancellationToken ct)
    {
        var step = service.Workflow[request.StepIndex];
        if (step.FourEyes && request.FirstSignerId is null)
        {
            // Four eyes: the first signature stands, an approver who is not the first signer gives the second.
            request.FirstSignerId = actor.UserId;
            Record(request, RequestState.InReview, "sign", actor, reason);
            RecordDecision(request, service, LedgerEventTypes.RequestSigned, "first_signature", actor, reason);
            await AssignAsync(request, service, Role.Approver, exclude: [actor.UserId], ct);
            return;
        }
        Record(request, RequestState.InReview, step.FourEyes ? "countersign" : "approve_step", actor, reason);
        if (step.FourEyes) RecordDecision(request, service, LedgerEventTypes.RequestSigned, "second_signature", actor, reason);
        RecordDecision(request, service, LedgerEventTypes.RequestDecided, "approve", actor, reason);
        request.FirstSignerId = null;
        request.StepIndex++;
        var profile = await ApplicantProfiles.LoadAsync(people, request.ApplicantId, ct);
        await AdvanceAsync(request, service, profile, ct);
    }

    /// <summary>Gives the step to an officer chosen by <see cref="OfficerAssignment"/>; with nobody eligible the request waits, unassigned, and the SLA watch retries.</summary>
    internal async Task AssignAsync(ServiceRequest request, ServiceDefinition service, string role, IReadOnlyCollection<Guid> exclude, CancellationToken ct)
    {
        var officer = await assignment.ChooseAsync(role, request.ApplicantId, exclude, ct);
        request.AssigneeId = officer;
        if (officer is null)
        {
            if (request.State != RequestState.Submitted) Move(request, RequestState.Submitted, "unassigned", null, null);
            return;
        }
        Move(request, RequestState.InReview, "assign", null, null, officer);
        StartStepClock(request, service.Workflow[request.StepIndex]);
        await notifier.NotifyAsync(officer.Value, "Notify.Assigned.Subject", "Notify.Assigned.Body", $"/queue/{request.Id}", [service.Name], ct);
    }

    /// <summary>An SLA breach: the case stays with its officer, and the step's supervisor role is told, once.</summary>
    internal async Task EscalateAsync(ServiceRequest request, ServiceDefinition service, CancellationToken ct)
    {
        var step = service.Workflow[Math.Min(request.StepIndex, service.Workflow.Count - 1)];
        request.EscalatedAt = Now;
        Record(request, request.State, "escalate", null, null, request.AssigneeId);
        await notifier.NotifyRoleAsync(step.SupervisorRole, "Notify.Escalated.Subject", "Notify.Escalated.Body", $"/admin/queues", [service.Name], ct);
    }

    /// <summary>A request nobody could be assigned to (no eligible officer at the time) is offered again.</summary>
    internal async Task RetryAssignmentAsync(ServiceRequest request, ServiceDefinition service, CancellationToken ct)
    {
        var role = request.FirstSignerId is null ? service.Workflow[request.StepIndex].Role : Role.Approver;
        var exclude = request.FirstSignerId is { } first ? new[] { first } : [];
        var officer = await assignment.ChooseAsync(role, request.ApplicantId, exclude, ct);
        if (officer is null) return;
        request.AssigneeId = officer;
        Move(request, RequestState.InReview, "assign", null, null, officer);
        StartStepClock(request, service.Workflow[request.StepIndex]);
        await notifier.NotifyAsync(officer.Value, "Notify.Assigned.Subject", "Notify.Assigned.Body", $"/queue/{request.Id}", [service.Name], ct);
    }

    /// <summary>
    /// A decision enters the university's integrity ledger in the same transaction as the state change. Who and
    /// for whom go in as salted commitments: the log can be public without naming anyone.
    /// </summary>
    private void RecordDecision(ServiceRequest request, ServiceDefinition service, string eventType, string decision, Actor? actor, string? reason)
    {
        var step = service.Workflow[Math.Min(request.StepIndex, service.Workflow.Count - 1)];
        var draft = new LedgerDraft(eventType, Now)
            .Text("service", service.Slug)
            .Integer("definition_version", service.Version)
            .Text("step", step.Key)
            .Text("decision", decision)
            .Text("actor_role", actor is null ? "system" : ActingRole(request, step))
            .Committed("request", request.Id.ToString())
            .Committed("applicant", request.ApplicantId.ToString());
        if (actor is not null) draft.Committed("actor", actor.UserId.ToString());
        if (!string.IsNullOrWhiteSpace(reason)) draft.Committed("reason", reason.Trim());
        ledger.Record(draft);
    }

    /// <summary>
    /// The filing enters the ledger with the request's first commit: the applicant can prove when the university had
    /// the request, whatever happens to it afterwards (an SLA cannot be started late, a request cannot be "lost").
    /// </summary>
    private void RecordSubmission(ServiceRequest request, ServiceDefinition service, string action)
    {
        var draft = new LedgerDraft(LedgerEventTypes.RequestSubmitted, Now)
            .Text("service", service.Slug)
            .Integer("definition_version", service.Version)
            .Text("action", action)
            .Committed("request", request.Id.ToString())
            .Committed("applicant", request.ApplicantId.ToString());
        ledger.Record(draft);
    }

    /// <summary>The second signature of a four-eyes step is an approver's; every other decision is the step's role.</summary>
    private static string ActingRole(ServiceRequest request, WorkflowStep step) =>
        step.FourEyes && request.FirstSignerId is { } first && request.AssigneeId != first ? Role.Approver : step.Role;

    private void StartStepClock(ServiceRequest request, WorkflowStep step)
    {
        request.StepStartedAt = Now;
        request.StepDueAt = sla.DueAt(Now, step.SlaHours);
        request.EscalatedAt = null;
    }

    private void AttachFiles(ServiceRequest request, IEnumerable<UploadedFile> files, DateTime now)
    {
        foreach (var file in files)
            request.Attachments.Add(new RequestAttachment
            {
                Id = Guid.CreateVersion7(),
                TenantId = request.TenantId,
                RequestId = request.Id,
                Key = file.Key,
                FileName = Path.GetFileName(file.FileName).Trim() is { Length: > 0 } n ? n[..Math.Min(n.Length, 255)] : file.Key,
                ContentType = FormValidation.SniffContentType(file.Content) ?? "application/octet-stream",
                Size = file.Content.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content)),
                Content = file.Content,
                UploadedAt = now,
            });
    }

    private void Move(ServiceRequest request, RequestState to, string action, Actor? actor, string? reason, Guid? assignee = null)
    {
        var from = request.State;
        request.State = to;
        Record(request, from, action, actor, reason, assignee, to);
    }

    private void Record(ServiceRequest request, RequestState from, string action, Actor? actor, string? reason, Guid? assignee = null, RequestState? to = null)
    {
        request.Revision++;
        // Into the request's timeline: a new request's rows are written as they are, a tracked one's found by EF Core.
        request.Transitions.Add(new RequestTransition
        {
            TenantId = request.TenantId,
            RequestId = request.Id,
            From = from,
            To = to ?? request.State,
            Action = action,
            ActorId = actor?.UserId,
            ActorName = actor?.Name,
            StepIndex = request.StepIndex,
            AssigneeId = assignee,
            Reason = reason?.Trim(),
            At = Now,
        });
    }

    private void Close(ServiceRequest request)
    {
        request.ClosedAt = Now;
        request.StepDueAt = null;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
