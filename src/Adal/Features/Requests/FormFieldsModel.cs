using Adal.Features.Catalog;
using Microsoft.AspNetCore.Http;

namespace Adal.Features.Requests;

/// <summary>What the generated form needs: the definition, the values to show again, the errors beside each field.</summary>
public sealed record FormFieldsModel(ServiceDefinition Service, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string[]> Errors, IReadOnlySet<string> PresentAttachments)
{
    /// <summary>Reads "f.{field}" values and "a.{attachment}" files of a posted form.</summary>
    public static async Task<(Dictionary<string, string?> Fields, List<UploadedFile> Files)> ReadAsync(IFormCollection form, CancellationToken ct)
    {
        var fields = form.Keys.Where(k => k.StartsWith("f.", StringComparison.Ordinal))
            .ToDictionary(k => k[2..], k => (string?)form[k].ToString());
        var files = new List<UploadedFile>();
        foreach (var file in form.Files.Where(f => f.Name.StartsWith("a.", StringComparison.Ordinal) && f.Length > 0))
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            files.Add(new UploadedFile(file.Name[2..], file.FileName, file.ContentType, buffer.ToArray()));
        }
        return (fields, files);
    }
}
