using System.Globalization;
using System.Text.RegularExpressions;
using Adal.Features.Catalog;
using Adal.Features.University;
using Adal.Platform.Localization;

namespace Adal.Features.Requests;

/// <summary>A file the applicant attached, as received; validated against the definition before anything is saved.</summary>
public sealed record UploadedFile(string Key, string FileName, string ContentType, byte[] Content);

/// <summary>Field name → messages in the user's language; empty when the input is valid.</summary>
public sealed class FieldErrors : Dictionary<string, string[]>
{
    public void Add(string field, string message) =>
        this[field] = TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}

/// <summary>
/// Checks a form against its definition and normalises the values (dates as yyyy-MM-dd, numbers invariant,
/// checkboxes true/false). Unknown fields are refused rather than stored: nothing the definition does not ask for.
/// </summary>
public static class FormValidation
{
    private const int MaxTextLength = 4000;

    public static Dictionary<string, string> Validate(ServiceDefinition service, IReadOnlyDictionary<string, string?> input, string language, FieldErrors errors)
    {
        var values = new Dictionary<string, string>();
        foreach (var name in input.Keys.Where(k => service.Fields.All(f => f.Name != k)))
            errors.Add(name, Languages.Text("Validation.UnknownField", language));
        foreach (var field in service.Fields)
        {
            input.TryGetValue(field.Name, out var raw);
            var value = raw?.Trim();
            if (field.Type == FieldType.Checkbox)
            {
                var on = value is "true" or "on" or "1";
                if (value is not (null or "" or "true" or "false" or "on" or "1" or "0"))
                    errors.Add(field.Name, Languages.Text("Validation.Checkbox", language));
                else if (field.Required && !on) errors.Add(field.Name, Languages.Text("Validation.Required", language));
                values[field.Name] = on ? "true" : "false";
                continue;
            }
            if (string.IsNullOrEmpty(value))
            {
                if (field.Required) errors.Add(field.Name, Languages.Text("Validation.Required", language));
                continue;
            }
            var normalized = Check(field, value, language, errors);
            if (normalized is not null) values[field.Name] = normalized;
        }
        CheckPeriods(service, values, language, errors);
        return values;
    }

    /// <summary>
    /// A period never ends before it starts: date fields named xEnd / endDate are checked against xStart / startDate
    /// (the naming convention docs/catalog.md describes), so no definition has to spell the rule out.
    /// </summary>
    private static void CheckPeriods(ServiceDefinition service, Dictionary<string, string> values, string language, FieldErrors errors)
    {
        foreach (var end in service.Fields.Where(f => f.Type == FieldType.Date && (f.Name == "endDate" || f.Name.EndsWith("End", StringComparison.Ordinal))))
        {
            var startName = end.Name == "endDate" ? "startDate" : end.Name[..^3] + "Start";
            if (values.TryGetValue(end.Name, out var to) && values.TryGetValue(startName, out var from) && string.CompareOrdinal(to, from) < 0)
                errors.Add(end.Name, Languages.Text("Validation.EndBeforeStart", language));
        }
    }

    private static string? Check(FormField field, string value, string language, FieldErrors errors)
    {
        string? Fail(string key, params object[] args)
        {
            errors.Add(field.Name, Languages.Text(key, language, args));
            return null;
        }
        if (value.Length > (field.MaxLength ?? MaxTextLength)) return Fail("Validation.MaxLength", field.MaxLength ?? MaxTextLength);
        if (field.MinLength is { } min && value.Length < min) return Fail("Validation.MinLength", min);
        if (field.Pattern is not null && !Regex.IsMatch(value, field.Pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)))
            return Fail("Validation.Pattern");
        switch (field.Type)
        {
            case FieldType.Number:
                if (!decimal.TryParse(value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                    return Fail("Validation.Number");
                if (field.Min is { } lo && number < lo) return Fail("Validation.Min", lo);
                if (field.Max is { } hi && number > hi) return Fail("Validation.Max", hi);
                return number.ToString(CultureInfo.InvariantCulture);
            case FieldType.Date:
                if (!DateOnly.TryParseExact(value, ["yyyy-MM-dd", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return Fail("Validation.Date");
                return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case FieldType.Select:
                return field.Options.Any(o => o.Value == value) ? value : Fail("Validation.Option");
            case FieldType.Email:
                return Regex.IsMatch(value, @"^[^@\s]+@[^@\s]+\.[^@\s]+$") ? value : Fail("Validation.Email");
            case FieldType.Phone:
                var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
                return Regex.IsMatch(value, @"^\+?[\d\s\-()]{10,20}$") && digits.Length is >= 10 and <= 15 ? value : Fail("Validation.Phone");
            case FieldType.Iin:
                return Iin.IsValid(value) ? value : Fail("Validation.Iin");
            default:
                return value;
        }
    }

    /// <summary>Required attachments present, each of an allowed type (by its first bytes, not its name) and size.</summary>
    public static void ValidateAttachments(ServiceDefinition service, IReadOnlyList<UploadedFile> files, string language, FieldErrors errors, bool requireAll = true)
    {
        foreach (var file in files)
        {
            var field = $"attachments.{file.Key}";
            var spec = service.Attachments.FirstOrDefault(a => a.Key == file.Key);
            if (spec is null) { errors.Add(field, Languages.Text("Validation.UnknownAttachment", language)); continue; }
            if (file.Content.Length == 0) { errors.Add(field, Languages.Text("Validation.EmptyFile", language)); continue; }
            if (file.Content.Length > spec.MaxSizeKb * 1024L) { errors.Add(field, Languages.Text("Validation.FileTooLarge", language, spec.MaxSizeKb)); continue; }
            var sniffed = SniffContentType(file.Content);
            if (sniffed is null || !spec.ContentTypes.Contains(sniffed))
                errors.Add(field, Languages.Text("Validation.FileType", language, string.Join(", ", spec.ContentTypes.Select(Extension))));
        }
        foreach (var key in files.GroupBy(f => f.Key).Where(g => g.Count() > 1).Select(g => g.Key))
            errors.Add($"attachments.{key}", Languages.Text("Validation.DuplicateAttachment", language));
        if (!requireAll) return;
        foreach (var spec in service.Attachments.Where(a => a.Required && files.All(f => f.Key != a.Key)))
            errors.Add($"attachments.{spec.Key}", Languages.Text("Validation.Required", language));
    }

    /// <summary>What the file really is, from its signature: a renamed .exe must not pass as a PDF.</summary>
    public static string? SniffContentType(ReadOnlySpan<byte> content) => content switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        _ => null,
    };

    private static string Extension(string contentType) => contentType switch
    {
        "application/pdf" => "PDF",
        "image/png" => "PNG",
        "image/jpeg" => "JPEG",
        _ => contentType,
    };
}
