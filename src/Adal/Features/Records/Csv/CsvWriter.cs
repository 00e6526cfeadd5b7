using System.Text;

namespace Adal.Features.Records.Csv;

/// <summary>
/// Writes exports in the import formats: UTF-8 with a byte-order mark (so Excel opens Kazakh and Russian text
/// correctly), ';' between fields, CRLF line ends, and quotes only where a value needs them.
/// </summary>
internal static class CsvWriter
{
    public const char Separator = ';';

    public static byte[] Write(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        AppendLine(text, columns);
        foreach (var row in rows) AppendLine(text, row);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())];
    }

    /// <summary>The same rows without the byte-order mark: what the demo seed hashes, as an import would.</summary>
    public static string Text(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        AppendLine(text, columns);
        foreach (var row in rows) AppendLine(text, row);
        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) text.Append(Separator);
            var value = fields[i];
            if (value.AsSpan().IndexOfAny([Separator, ',', '"', '\r', '\n']) >= 0 || value != value.Trim())
                text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else
                text.Append(value);
        }
        text.Append("\r\n");
    }
}
