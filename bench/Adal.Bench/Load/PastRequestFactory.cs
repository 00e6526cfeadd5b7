using System.Globalization;
using System.Text.Json;
using Adal.Features.Catalog;
using Adal.Features.Ledger;
using Adal.Features.Requests;
using Adal.Ledger;
using Adal.Platform.Identity;

namespace Adal.Bench.Load;

internal sealed record Person(Guid Id, string Name);

/// <summary>
/// Two years of a university's requests, as the workflow would have left them: each one walks its definition's
/// steps (automatic decisions, assignment, four-eyes signatures) and ends issued, approved, rejected or withdrawn;
/// about 3% are still open, in review with an officer, due in the coming working days. Every decision gets the
/// ledger entry <c>RequestWorkflow</c> records. Past PDFs and notifications are not stored (see docs/benchmarks.md).
/// </summary>
internal sealed class PastRequestFactory(
    IReadOnlyList<ServiceDefinition> services, IReadOnlyList<Person> students, IReadOnlyDictionary<string, Person[]> staff,
    Guid tenantId, string tenantSlug, DateTime now, Random random)
{
    private static readonly string[] Languages = ["kk", "kk", "kk", "ru", "ru", "en"];
    private const string CorrectionReason = "Құжаттың көшірмесі анық емес / Скан документа нечитаем";
    private const string RejectionReason = "Өтініш талаптарға сәйкес келмейді / Заявление не соответствует требованиям";
    private readonly ServiceDefinition _certificate = services.Single(s => s.Slug == "certificate-of-study");
    private readonly ServiceDefinition? _transcript = services.FirstOrDefault(s => s.Slug == "transcript");

    public ServiceRequest Create(List<RequestTransition> transitions, LedgerSeeder ledger)
    {
        var service = PickService();
        var applicant = students[random.Next(students.Count)];
        var at = now.AddMinutes(-random.Next(60 * 24, 60 * 24 * 730));
        var request = new ServiceRequest
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(at)),
            TenantId = tenantId,
            ServiceSlug = service.Slug,
            DefinitionVersion = service.Version,
            ApplicantId = applicant.Id,
            State = RequestState.Draft,
            Language = Languages[random.Next(Languages.Length)],
            FieldsJson = JsonSerializer.Serialize(Fields(service)),
            CreatedAt = at,
        };
        var walk = new Walk(request, transitions, ledger, service, random);
        // Created and submitted in one unit of work, as the API does.
        walk.Move(RequestState.Draft, "create", applicant, ref at, now: true);
        request.SubmittedAt = at;
        walk.Move(RequestState.Submitted, RequestAction.Submit, applicant, ref at, now: true);
        var roll = random.NextDouble();
        var humanSteps = service.Workflow.Count(s => s.AutoDecision is null);
        var stopAt = humanSteps == 0 ? -1 : random.Next(humanSteps); // the human step where an unusual ending happens
        var human = 0;
        for (; request.StepIndex < service.Workflow.Count; request.StepIndex++)
        {
            var step = service.Workflow[request.StepIndex];
            if (step.AutoDecision is not null)
            {
                walk.Decide(LedgerEventTypes.RequestDecided, "approve", null, null, null, ref at, "auto_approve", keepState: true);
                continue;
            }
            var officer = Pick(step.Role);
            request.AssigneeId = officer.Id;
            walk.Move(RequestState.InReview, "assign", null, ref at, assignee: officer.Id);
            if (human++ == stopAt)
            {
                if (roll < 0.03)
                {
                    // Still open: in review, due within the next days, so the SLA watch has nothing to escalate during the run.
                    request.StepStartedAt = at;
                    request.StepDueAt = now.AddHours(4 + random.Next(60));
                    return request;
                }
                if (roll < 0.08)
                {
                    walk.Decide(LedgerEventTypes.RequestRefused, "reject", officer, step.Role, RejectionReason, ref at, RequestAction.Reject, to: RequestState.Rejected);
                    return Close(request, at);
                }
                if (roll < 0.13)
                {
                    walk.Move(RequestState.Withdrawn, RequestAction.Withdraw, applicant, ref at);
                    return Close(request, at);
                }
                if (roll < 0.20 && !step.FourEyes)
                {
                    walk.Decide(LedgerEventTypes.RequestDecided, "request_correction", officer, step.Role, CorrectionReason, ref at, RequestAction.RequestCorrection,
                        to: RequestState.NeedsCorrection);
                    walk.Move(RequestState.InReview, RequestAction.Resubmit, applicant, ref at);
                }
            }
            if (step.FourEyes)
            {
                walk.Decide(LedgerEventTypes.RequestSigned, "first_signature", officer, step.Role, null, ref at, "sign", keepState: true);
                var approver = Pick(Role.Approver, except: officer.Id);
                request.AssigneeId = approver.Id;
                walk.Move(RequestState.InReview, "assign", null, ref at, assignee: approver.Id);
                walk.Decide(LedgerEventTypes.RequestSigned, "second_signature", approver, Role.Approver, null, ref at, "countersign", keepState: true);
                walk.Decide(LedgerEventTypes.RequestDecided, "approve", approver, Role.Approver, null, ref at, null);
            }
            else walk.Decide(LedgerEventTypes.RequestDecided, "approve", officer, step.Role, null, ref at, "approve_step", keepState: true);
        }
        request.AssigneeId = null;
        walk.Move(RequestState.Approved, RequestAction.Approve, null, ref at);
        if (service.Document is not null)
        {
            request.DocumentNumber = $"{tenantSlug.ToUpperInvariant()}-{at.Year}-{random.Next(1 << 30):X8}";
            walk.Move(RequestState.Issued, "issue", null, ref at);
        }
        return Close(request, at);
    }

    private static ServiceRequest Close(ServiceRequest request, DateTime at)
    {
        request.ClosedAt = at;
        request.StepDueAt = null;
        return request;
    }

    /// <summary>The certificate of study is a third of all requests, transcripts a tenth, the rest spread over the catalogue.</summary>
    private ServiceDefinition PickService()
    {
        var roll = random.NextDouble();
        if (roll < 0.35) return _certificate;
        if (roll < 0.45 && _transcript is not null) return _transcript;
        return services[random.Next(services.Count)];
    }

    private Person Pick(string role, Guid? except = null)
    {
        var pool = staff[role];
        var person = pool[random.Next(pool.Length)];
        return person.Id == except && pool.Length > 1 ? Pick(role, except) : person;
    }

    /// <summary>Values a form would have accepted: the first option, the minimum, a date in the semester.</summary>
    private Dictionary<string, string> Fields(ServiceDefinition service)
    {
        var values = new Dictionary<string, string>();
        foreach (var field in service.Fields.Where(f => f.Required || random.Next(3) == 0))
            values[field.Name] = field.Type switch
            {
                FieldType.Select => field.Options[random.Next(field.Options.Count)].Value,
                FieldType.Number => (field.Min ?? 1).ToString(CultureInfo.InvariantCulture),
                FieldType.Date => new DateOnly(2026, 9, 1).AddDays(random.Next(200)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                FieldType.Checkbox => "true",
                FieldType.Email => "student@example.kz",
                FieldType.Phone => "+7 701 555 01 02",
                FieldType.Iin => "040314601017",
                FieldType.Textarea => "Өтінішке қосымша түсініктеме / Дополнительные пояснения к заявлению",
                _ => "Мәтін / Текст",
            };
        return values;
    }

    /// <summary>One request's history being written: each move is a transition, each decision also a ledger draft.</summary>
    private sealed class Walk(ServiceRequest request, List<RequestTransition> transitions, LedgerSeeder ledger, ServiceDefinition service, Random gaps)
    {
        /// <param name="now">At <paramref name="at"/> itself; otherwise one to 240 minutes later (a working day's gaps).</param>
        public void Move(RequestState to, string action, Person? actor, ref DateTime at, Guid? assignee = null, string? reason = null, bool keepState = false,
            bool now = false)
        {
            if (!now) at = at.AddMinutes(1 + gaps.Next(240));
            var from = request.State;
            if (!keepState) request.State = to;
            request.Revision++;
            transitions.Add(new RequestTransition
            {
                TenantId = request.TenantId, RequestId = request.Id, From = from, To = request.State, Action = action,
                ActorId = actor?.Id, ActorName = actor?.Name, StepIndex = request.StepIndex, AssigneeId = assignee, Reason = reason, At = at,
            });
        }

        /// <summary>A decision: its transition (unless <paramref name="action"/> is null), then the draft <c>RecordDecision</c> makes.</summary>
        public void Decide(string eventType, string decision, Person? actor, string? actorRole, string? reason, ref DateTime at, string? action,
            RequestState? to = null, bool keepState = false)
        {
            if (action is not null) Move(to ?? request.State, action, actor, ref at, reason: reason, keepState: keepState);
            var step = service.Workflow[Math.Min(request.StepIndex, service.Workflow.Count - 1)];
            var draft = new LedgerDraft(eventType, at)
                .Text("service", service.Slug)
                .Integer("definition_version", service.Version)
                .Text("step", step.Key)
                .Text("decision", decision)
                .Text("actor_role", actor is null ? "system" : actorRole ?? step.Role)
                .Committed("request", request.Id.ToString())
                .Committed("applicant", request.ApplicantId.ToString());
            if (actor is not null) draft.Committed("actor", actor.Id.ToString());
            if (reason is not null) draft.Committed("reason", reason);
            ledger.Add(draft);
        }
    }
}
