namespace Adal.Features.Catalog;

/// <summary>
/// One service of the single window, exactly as its file in <c>catalog/services</c> declares it.
/// The platform derives the form, the eligibility check, the workflow and the issued document from it.
/// </summary>
public sealed record ServiceDefinition(
    string Slug,
    LifeCycleStage Stage,
    LocalizedText Name,
    LocalizedText Description,
    IReadOnlyList<string> Eligibility,
    Fee Fee,
    IReadOnlyList<FormField> Fields,
    IReadOnlyList<RequiredAttachment> Attachments,
    IReadOnlyList<WorkflowStep> Workflow,
    IssuedDocumentTemplate? Document)
{
    /// <summary>Incremented each time the file's content changes; a request keeps the one it was submitted under.</summary>
    public int Version { get; init; } = 1;

    /// <summary>SHA-256 of the file's bytes, hex: tells whether a definition changed between start-ups.</summary>
    public string ContentHash { get; init; } = "";

    public int TotalSlaHours => Workflow.Sum(s => s.SlaHours);

    public bool IsAutomatic => Workflow.All(s => s.AutoDecision is not null);
}

/// <summary>The stages of a student's life at the university, the catalogue's first level.</summary>
public enum LifeCycleStage { Admission, Study, Money, Campus, Research, International, Graduation, Staff }

public sealed record LocalizedText(string Kk, string Ru, string En)
{
    public string In(string language) => language switch { "kk" => Kk, "ru" => Ru, _ => En };
}

public sealed record Fee(int Amount, string Currency);

public sealed record FormField(
    string Name,
    FieldType Type,
    bool Required,
    LocalizedText Label,
    IReadOnlyList<FieldOption> Options,
    decimal? Min,
    decimal? Max,
    int? MinLength,
    int? MaxLength,
    string? Pattern);

public enum FieldType { Text, Textarea, Number, Date, Select, Checkbox, Email, Phone, Iin }

public sealed record FieldOption(string Value, LocalizedText Label);

public sealed record RequiredAttachment(string Key, LocalizedText Label, bool Required, IReadOnlyList<string> ContentTypes, int MaxSizeKb);

/// <summary>
/// A step of the workflow. <see cref="AutoDecision"/> names an eligibility rule: when the applicant meets it,
/// the system decides the step with no human in the loop. A four-eyes step needs a second signature by an approver.
/// </summary>
public sealed record WorkflowStep(string Key, string Role, int SlaHours, bool FourEyes, string? AutoDecision, string SupervisorRole);

public sealed record IssuedDocumentTemplate(string Template, LocalizedText Title, LocalizedText Body);
