namespace Adal.Features.Catalog;

// The YAML shape, as loosely typed as the file: DefinitionCheck turns it into a ServiceDefinition or errors.
// Unknown keys are refused by the deserializer itself, so a misspelt key never passes silently.
internal sealed class RawDefinition
{
    public string? Slug { get; set; }
    public string? Stage { get; set; }
    public RawText? Name { get; set; }
    public RawText? Description { get; set; }
    public List<string>? Eligibility { get; set; }
    public RawFee? Fee { get; set; }
    public List<RawField>? Fields { get; set; }
    public List<RawAttachment>? Attachments { get; set; }
    public List<RawStep>? Workflow { get; set; }
    public RawDocument? Document { get; set; }
}

internal sealed class RawText
{
    public string? Kk { get; set; }
    public string? Ru { get; set; }
    public string? En { get; set; }
}

internal sealed class RawFee
{
    public int? Amount { get; set; }
    public string? Currency { get; set; }
}

internal sealed class RawField
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    public bool? Required { get; set; }
    public RawText? Label { get; set; }
    public List<RawOption>? Options { get; set; }
    public decimal? Min { get; set; }
    public decimal? Max { get; set; }
    public int? MinLength { get; set; }
    public int? MaxLength { get; set; }
    public string? Pattern { get; set; }
}

internal sealed class RawOption
{
    public string? Value { get; set; }
    public RawText? Label { get; set; }
}

internal sealed class RawAttachment
{
    public string? Key { get; set; }
    public RawText? Label { get; set; }
    public bool? Required { get; set; }
    public List<string>? ContentTypes { get; set; }
    public int? MaxSizeKb { get; set; }
}

internal sealed class RawStep
{
    public string? Key { get; set; }
    public string? Role { get; set; }
    public int? SlaHours { get; set; }
    public bool? FourEyes { get; set; }
    public string? AutoDecision { get; set; }
    public string? SupervisorRole { get; set; }
}

internal sealed class RawDocument
{
    public string? Template { get; set; }
    public RawText? Title { get; set; }
    public RawText? Body { get; set; }
}
