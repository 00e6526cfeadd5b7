using System.Security.Cryptography;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Adal.Features.Catalog;

/// <summary>A definition file that cannot be loaded; start-up stops and names every one.</summary>
public sealed class CatalogException(IReadOnlyList<string> errors)
    : Exception("The service catalogue is invalid:\n  " + string.Join("\n  ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// Reads <c>catalog/services/*.yaml</c>, validates every file completely and returns all definitions or none:
/// a broken definition must stop start-up with the file, the field and the reason, never half-load.
/// </summary>
public static partial class CatalogLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static IReadOnlyList<ServiceDefinition> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new CatalogException([$"{directory}: the catalogue folder does not exist"]);
        var errors = new List<string>();
        var definitions = new List<ServiceDefinition>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var definition = Parse(File.ReadAllBytes(path), Path.GetFileName(path), errors);
            if (definition is not null) definitions.Add(definition);
        }
        foreach (var duplicate in definitions.GroupBy(d => d.Slug).Where(g => g.Count() > 1))
            errors.Add($"{duplicate.Key}: the slug is used by more than one file");
        if (errors.Count > 0) throw new CatalogException(errors);
        return definitions;
    }

    /// <summary>Parses one definition; the file name (without .yaml) must equal its slug.</summary>
    public static ServiceDefinition? Parse(byte[] content, string fileName, List<string> errors)
    {
        RawDefinition? raw;
        try
        {
            using var reader = new StreamReader(new MemoryStream(content), System.Text.Encoding.UTF8);
            raw = Yaml.Deserialize<RawDefinition>(reader);
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            errors.Add($"{fileName}: line {e.Start.Line}, column {e.Start.Column}: {reason}");
            return null;
        }
        if (raw is null)
        {
            errors.Add($"{fileName}: the file is empty");
            return null;
        }
        var check = new DefinitionCheck(fileName, errors);
        var definition = check.Map(raw, Path.GetFileNameWithoutExtension(fileName));
        return definition is null ? null : definition with { ContentHash = Convert.ToHexStringLower(SHA256.HashData(content)) };
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex KebabCase();

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    internal static partial Regex CamelCase();

    [GeneratedRegex(@"\{([^{}]*)\}")]
    internal static partial Regex Placeholder();
}
