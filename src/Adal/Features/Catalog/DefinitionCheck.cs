using System.Text.RegularExpressions;

namespace Adal.Features.Catalog;

/// <summary>Validates one raw definition completely, collecting every problem as "file: field: reason".</summary>
internal sealed class DefinitionCheck(string file, List<string> errors)
{
    private int _errorsBefore;

    private void Fail(string field, string reason) => errors.Add($"{file}: {field}: {reason}");

    public ServiceDefinition? Map(RawDefinition raw, string fileSlug)
    {
        _errorsBefore = errors.Count;
        if (raw.Slug is null || !CatalogLoader.KebabCase().IsMatch(raw.Slug))
            Fail("slug", "required, lower-case words joined by '-'");
        else if (raw.Slug != fileSlug)
            Fail("slug", $"'{raw.Slug}' must equal the file name '{fileSlug}'");
        LifeCycleStage stage = default;
        if (raw.Stage is null || !TryParseName(raw.Stage, out stage))
            Fail("stage", $"must be one of {string.Join(", ", Enum.GetNames<LifeCycleStage>().Select(n => n.ToLowerInvariant()))}");
        var name = Text(raw.Name, "name");
        var description = Text(raw.Description, "description");
        var eligibility = raw.Eligibility ?? [];
        if (eligibility.Any(r => r is null)) { Fail("eligibility", "an empty item"); eligibility = eligibility.Where(r => r is not null).ToList(); }
        if (eligibility.Count == 0) Fail("eligibility", "at least one rule");
        foreach (var rule in eligibility.Where(r => !Eligibility.IsKnown(r)))
            Fail("eligibility", $"unknown rule '{rule}' (known: {string.Join(", ", Eligibility.RuleNames)})");
        if (raw.Fee is not { Amount: >= 0, Currency: "KZT" })
            Fail("fee", "needs amount (a whole number of tenge, 0 or more) and currency KZT");
        var fields = Fields(raw.Fields ?? []);
        var attachments = Attachments(raw.Attachments ?? []);
        var workflow = Workflow(raw.Workflow ?? []);
        var document = Document(raw.Document, fields);
        if (errors.Count > _errorsBefore) return null;
        return new ServiceDefinition(raw.Slug!, stage, name!, description!, eligibility,
            new Fee(raw.Fee!.Amount!.Value, "KZT"), fields, attachments, workflow, document);
    }

    private LocalizedText? Text(RawText? raw, string field)
    {
        if (raw is null) { Fail(field, "needs kk, ru and en"); return null; }
        foreach (var (language, value) in new[] { ("kk", raw.Kk), ("ru", raw.Ru), ("en", raw.En) })
            if (string.IsNullOrWhiteSpace(value)) Fail($"{field}.{language}", "missing or empty");
        return new LocalizedText(raw.Kk?.Trim() ?? "", raw.Ru?.Trim() ?? "", raw.En?.Trim() ?? "");
    }

    private List<FormField> Fields(List<RawField> raws)
    {
        var fields = new List<FormField>();
        var names = new HashSet<string>();
        for (var i = 0; i < raws.Count; i++)
        {
            var raw = raws[i];
            var at = $"fields[{i}]";
            if (raw is null) { Fail(at, "an empty item"); continue; }
            if (raw.Name is null || !CatalogLoader.CamelCase().IsMatch(raw.Name)) Fail($"{at}.name", "required, a camelCase identifier");
            else if (!names.Add(raw.Name)) Fail($"{at}.name", $"'{raw.Name}' is used twice");
            FieldType type = default;
            if (raw.Type is null || !TryParseName(raw.Type, out type))
                Fail($"{at}.type", $"must be one of {string.Join(", ", Enum.GetNames<FieldType>().Select(n => n.ToLowerInvariant()))}");
            if (raw.Required is null) Fail($"{at}.required", "true or false");
            var label = Text(raw.Label, $"{at}.label");
            var options = new List<FieldOption>();
            if (type == FieldType.Select)
            {
                if (raw.Options is not { Count: >= 2 }) Fail($"{at}.options", "a select needs at least two options");
                foreach (var (option, j) in (raw.Options ?? []).Select((o, j) => (o, j)))
                {
                    if (option is null) { Fail($"{at}.options[{j}]", "an empty item"); continue; }
                    if (option.Value is null || !CatalogLoader.KebabCase().IsMatch(option.Value)) Fail($"{at}.options[{j}].value", "kebab-case");
                    else if (options.Any(o => o.Value == option.Value)) Fail($"{at}.options[{j}].value", "used twice");
                    var optionLabel = Text(option.Label, $"{at}.options[{j}].label");
                    if (option.Value is not null && optionLabel is not null) options.Add(new FieldOption(option.Value, optionLabel));
                }
            }
            else if (raw.Options is not null) Fail($"{at}.options", "only a select has options");
            if (raw.Pattern is not null && !IsValidRegex(raw.Pattern)) Fail($"{at}.pattern", "not a valid regular expression");
            if (raw.Min > raw.Max) Fail($"{at}.min", "greater than max");
            if (raw.MinLength > raw.MaxLength) Fail($"{at}.minLength", "greater than maxLength");
            if (raw.MinLength < 0) Fail($"{at}.minLength", "0 or more");
            if (raw.MaxLength < 1) Fail($"{at}.maxLength", "1 or more");
            if (raw.Name is not null && label is not null)
                fields.Add(new FormField(raw.Name, type, raw.Required ?? false, label, options, raw.Min, raw.Max, raw.MinLength, raw.MaxLength, raw.Pattern));
        }
        return fields;
    }

    /// <summary>Exactly a lower-case name of the enum ("study", "select"): not a number, not a list, not "Study".</summary>
    private static bool TryParseName<T>(string text, out T value) where T : struct, Enum
    {
        value = default;
        var match = Enum.GetValues<T>().Where(v => v.ToString().ToLowerInvariant() == text).ToList();
        if (match.Count != 1) return false;
        value = match[0];
        return true;
    }

    private static bool IsValidRegex(string pattern)
    {
        try { _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)); return true; }
        catch (ArgumentException) { return false; }
    }

    private List<RequiredAttachment> Attachments(List<RawAttachment> raws)
    {
        var list = new List<RequiredAttachment>();
        for (var i = 0; i < raws.Count; i++)
        {
            var raw = raws[i];
            var at = $"attachments[{i}]";
            if (raw is null) { Fail(at, "an empty item"); continue; }
            if (raw.Key is null || !CatalogLoader.KebabCase().IsMatch(raw.Key)) Fail($"{at}.key", "required, kebab-case");
            else if (list.Any(a => a.Key == raw.Key)) Fail($"{at}.key", "used twice");
            var label = Text(raw.Label, $"{at}.label");
            if (raw.Required is null) Fail($"{at}.required", "true or false");
            if (raw.ContentTypes is not { Count: > 0 } || raw.ContentTypes.Any(t => !CatalogVocabulary.ContentTypes.Contains(t)))
                Fail($"{at}.contentTypes", $"one or more of {string.Join(", ", CatalogVocabulary.ContentTypes)}");
            if (raw.MaxSizeKb is not (>= 1 and <= CatalogVocabulary.MaxAttachmentKb))
                Fail($"{at}.maxSizeKb", $"1 to {CatalogVocabulary.MaxAttachmentKb}");
            if (raw.Key is not null && label is not null)
                list.Add(new RequiredAttachment(raw.Key, label, raw.Required ?? false, raw.ContentTypes ?? [], raw.MaxSizeKb ?? 0));
        }
        return list;
    }

    private List<WorkflowStep> Workflow(List<RawStep> raws)
    {
        if (raws.Count == 0) Fail("workflow", "at least one step");
        var steps = new List<WorkflowStep>();
        for (var i = 0; i < raws.Count; i++)
        {
            var raw = raws[i];
            var at = $"workflow[{i}]";
            if (raw is null) { Fail(at, "an empty item"); continue; }
            if (raw.Key is null || !CatalogLoader.KebabCase().IsMatch(raw.Key)) Fail($"{at}.key", "required, kebab-case");
            else if (steps.Any(s => s.Key == raw.Key)) Fail($"{at}.key", "used twice");
            if (raw.Role is null || !CatalogVocabulary.StepRoles.Contains(raw.Role))
                Fail($"{at}.role", $"one of {string.Join(", ", CatalogVocabulary.StepRoles)}");
            if (raw.SupervisorRole is null || !CatalogVocabulary.StepRoles.Contains(raw.SupervisorRole))
                Fail($"{at}.supervisorRole", $"one of {string.Join(", ", CatalogVocabulary.StepRoles)}");
            if (raw.SlaHours is not (>= 1 and <= CatalogVocabulary.MaxSlaHours))
                Fail($"{at}.slaHours", $"working hours from 1 to {CatalogVocabulary.MaxSlaHours}");
            if (raw.AutoDecision is not null && !Eligibility.IsKnown(raw.AutoDecision))
                Fail($"{at}.autoDecision", $"unknown rule '{raw.AutoDecision}'");
            if (raw is { Key: not null, Role: not null, SupervisorRole: not null })
                steps.Add(new WorkflowStep(raw.Key, raw.Role, raw.SlaHours ?? 0, raw.FourEyes ?? false, raw.AutoDecision, raw.SupervisorRole));
        }
        return steps;
    }

    private IssuedDocumentTemplate? Document(RawDocument? raw, List<FormField> fields)
    {
        if (raw is null) return null;
        if (raw.Template is null || !CatalogVocabulary.DocumentTemplates.Contains(raw.Template))
            Fail("document.template", $"one of {string.Join(", ", CatalogVocabulary.DocumentTemplates)}");
        var title = Text(raw.Title, "document.title");
        var body = Text(raw.Body, "document.body");
        if (body is not null)
            foreach (var (language, text) in new[] { ("kk", body.Kk), ("ru", body.Ru), ("en", body.En) })
                foreach (Match m in CatalogLoader.Placeholder().Matches(text))
                {
                    var name = m.Groups[1].Value;
                    if (!CatalogVocabulary.DocumentPlaceholders.Contains(name) && fields.All(f => f.Name != name))
                        Fail($"document.body.{language}", $"unknown placeholder {{{name}}}");
                }
        return title is null || body is null ? null : new IssuedDocumentTemplate(raw.Template ?? "", title, body);
    }
}
