using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Adal.Platform.Localization;

namespace Adal.Features.Records.Csv;

/// <summary>One problem of an import, where it is: the file's line (1 is the header) and the column's name.</summary>
public sealed record ImportError(int Line, string? Column, string Message);

/// <summary>A data record of the file and the line it starts on.</summary>
internal sealed record CsvRow(int Line, string[] Fields);

/// <summary>A parsed file whose header matched the expected columns exactly.</summary>
internal sealed record CsvTable(char Separator, IReadOnlyList<CsvRow> Rows);

/// <summary>
/// Reads the CSV files of record imports: UTF-8 only (a UTF-8 byte-order mark is allowed, as Excel writes it),
/// separated by ';' or ',' — whichever the header line uses, ';' first — with RFC 4180 quoting, and a header
/// equal to the kind's columns. Anything else is refused with the line and the reason, before any row is read.
/// </summary>
internal static class CsvFile
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static CsvTable? Read(byte[] bytes, IReadOnlyList<string> columns, string language, List<ImportError> errors)
    {
        var text = Decode(bytes, language, errors);
        if (text is null) return null;
        var headerEnd = text.IndexOf('\n');
        var headerLine = (headerEnd < 0 ? text : text[..headerEnd]).TrimEnd('\r');
        var separator = Separator(headerLine);
        if (separator is null)
        {
            var key = headerLine.Contains('\t') ? "Records.Csv.Tabs" : "Records.Csv.NoSeparator";
            errors.Add(new ImportError(1, null, Languages.Text(key, language, string.Join(";", columns))));
            return null;
        }
        var records = Parse(text, separator.Value, language, errors);
        if (errors.Count > 0) return null;
        if (records.Count == 0 || records[0].Fields.Length == 0)
        {
            errors.Add(new ImportError(1, null, Languages.Text("Records.Csv.Empty", language)));
            return null;
        }
        var header = records[0].Fields.Select(f => f.Trim()).ToArray();
        if (!header.SequenceEqual(columns, StringComparer.Ordinal))
        {
            var position = Enumerable.Range(0, Math.Max(header.Length, columns.Count))
                .First(i => i >= header.Length || i >= columns.Count || header[i] != columns[i]);
            // The column that is wrong or extra, or — when the header stops short — the first one missing.
            var found = position < header.Length ? header[position] : columns[position];
            errors.Add(new ImportError(1, found, Languages.Text("Records.Csv.Columns", language,
                string.Join(separator.Value, columns), string.Join(separator.Value, header))));
            return null;
        }
        var rows = new List<CsvRow>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Length != columns.Count)
            {
                errors.Add(new ImportError(record.Line, null, Languages.Text("Records.Csv.FieldCount", language, columns.Count, record.Fields.Length, separator.Value)));
                continue;
            }
            rows.Add(record);
        }
        return errors.Count > 0 ? null : new CsvTable(separator.Value, rows);
    }

    /// <summary>Strict UTF-8: a Windows-1251 or UTF-16 file would otherwise import as mojibake names.</summary>
    private static string? Decode(byte[] bytes, string language, List<ImportError> errors)
    {
        if (bytes.Length == 0)
        {
            errors.Add(new ImportError(1, null, Languages.Text("Records.Csv.Empty", language)));
            return null;
        }
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0x00, 0x00, 0xFE, 0xFF, ..])
        {
            errors.Add(new ImportError(1, null, Languages.Text("Records.Csv.Utf16", language)));
            return null;
        }
        if (bytes is [0x50, 0x4B, 0x03, 0x04, ..] or [0xD0, 0xCF, 0x11, 0xE0, ..])
        {
            errors.Add(new ImportError(1, null, Languages.Text("Records.Csv.Spreadsheet", language)));
            return null;
        }
        var content = bytes.AsSpan(bytes.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0);
        // NUL is valid UTF-8 but never in a text export: it is what UTF-16 without a byte-order mark looks like.
        var nul = content.IndexOf((byte)0);
        if (nul >= 0)
        {
            errors.Add(new ImportError(1 + content[..nul].Count((byte)'\n'), null, Languages.Text("Records.Csv.Utf16", language)));
            return null;
        }
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(content.Length, 1));
        try
        {
            if (Utf8.ToUtf16(content, chars, out var read, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                var line = 1 + content[..read].Count((byte)'\n');
                errors.Add(new ImportError(line, null, Languages.Text("Records.Csv.NotUtf8", language, line)));
                return null;
            }
            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>';' when the header has one outside quotes (the Kazakh and Russian Excel default), else ','.</summary>
    private static char? Separator(string header)
    {
        bool quoted = false, comma = false;
        foreach (var c in header)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == ';') return ';';
            else if (!quoted && c == ',') comma = true;
        }
        return comma ? ',' : null;
    }

    /// <summary>RFC 4180: fields in double quotes may hold the separator, line breaks and doubled quotes. Blank lines are skipped.</summary>
    private static List<CsvRow> Parse(string text, char separator, string language, List<ImportError> errors)
    {
        var rows = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var i = 0;
        var atFieldStart = true;
        while (i <= text.Length)
        {
            if (i == text.Length || text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] == '\n')))
            {
                fields.Add(field.ToString());
                field.Clear();
                if (!(fields.Count == 1 && fields[0].Length == 0 && atFieldStart)) rows.Add(new CsvRow(start, [.. fields]));
                fields.Clear();
                if (i < text.Length && text[i] == '\r') i++;
                i++;
                line++;
                start = line;
                atFieldStart = true;
                continue;
            }
            var c = text[i];
            if (c == '"' && atFieldStart && field.Length == 0)
            {
                var quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        errors.Add(new ImportError(quoteLine, null, Languages.Text("Records.Csv.Quote", language)));
                        return rows;
                    }
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    if (text[i] == '\n') line++;
                    field.Append(text[i]);
                    i++;
                }
                atFieldStart = false;
                continue;
            }
            if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
                i++;
                continue;
            }
            field.Append(c);
            atFieldStart = false;
            i++;
        }
        return rows;
    }
}
