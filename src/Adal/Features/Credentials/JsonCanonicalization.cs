using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Adal.Features.Credentials;

/// <summary>
/// The JSON Canonicalization Scheme, RFC 8785: the one byte form of a JSON value that ecdsa-jcs-2019 hashes.
/// Object members sorted by the UTF-16 code units of their names (§3.2.3), no whitespace, strings with only the
/// escapes ECMAScript's JSON.stringify makes (§3.2.2.2), numbers as ECMAScript prints an IEEE 754 double
/// (§3.2.2.3). Input must be I-JSON (RFC 7493): no duplicate names, no lone surrogates, finite numbers.
/// </summary>
public static class JsonCanonicalization
{
    /// <summary>Parses JSON for canonicalization: duplicate member names are refused, as I-JSON requires.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out JsonNode? node, [NotNullWhen(false)] out string? problem)
    {
        node = null;
        try
        {
            node = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            problem = $"Not valid JSON: {e.Message}";
            return false;
        }
        if (node is null)
        {
            problem = "The JSON is null.";
            return false;
        }
        problem = null;
        return true;
    }

    /// <summary>The canonical UTF-8 bytes; for JSON this code built itself, where a failure is a bug.</summary>
    public static byte[] Canonicalize(JsonNode? node) =>
        TryCanonicalize(node, out var bytes, out var problem) ? bytes : throw new InvalidOperationException(problem);

    public static bool TryCanonicalize(JsonNode? node, [NotNullWhen(true)] out byte[]? canonical, [NotNullWhen(false)] out string? problem)
    {
        var text = new StringBuilder();
        problem = Write(node, text);
        canonical = problem is null ? Encoding.UTF8.GetBytes(text.ToString()) : null;
        return problem is null;
    }

    private static string? Write(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                return null;
            case JsonObject members:
                text.Append('{');
                var first = true;
                // Ordinal string comparison is comparison of UTF-16 code units, exactly as §3.2.3 sorts.
                foreach (var (name, value) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    if (WriteString(name, text) is { } nameProblem) return nameProblem;
                    text.Append(':');
                    if (Write(value, text) is { } valueProblem) return valueProblem;
                }
                text.Append('}');
                return null;
            case JsonArray items:
                text.Append('[');
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    if (Write(items[i], text) is { } itemProblem) return itemProblem;
                }
                text.Append(']');
                return null;
            default:
                return WriteValue(node.AsValue(), text);
        }
    }

    private static string? WriteValue(JsonValue value, StringBuilder text)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                text.Append("true");
                return null;
            case JsonValueKind.False:
                text.Append("false");
                return null;
            case JsonValueKind.Null:
                text.Append("null");
                return null;
            case JsonValueKind.String:
                string s;
                try
                {
                    s = value.GetValue<string>();
                }
                catch (InvalidOperationException)
                {
                    return "A string is not valid UTF-16 text.";
                }
                return WriteString(s, text);
            case JsonValueKind.Number:
                // The number's own JSON text, read as the IEEE 754 double it denotes (what ECMAScript would hold).
                var number = double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number)) return $"The number {value.ToJsonString()} is outside IEEE 754 double precision.";
                text.Append(EcmaScriptNumber.Format(number));
                return null;
            default:
                return $"Unexpected JSON value kind {value.GetValueKind()}.";
        }
    }

    private static string? WriteString(string s, StringBuilder text)
    {
        text.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        text.Append(c).Append(s[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        return "A string holds a lone surrogate, which I-JSON forbids.";
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
        return null;
    }
}
