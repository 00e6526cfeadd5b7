using System.Text;
using Adal.Features.Records.Csv;

namespace Adal.Tests.Records;

/// <summary>Reading import files: encoding, separator, header and quoting, each refused with its line and a clear reason.</summary>
public sealed class CsvFileTests
{
    private static readonly string[] Columns = ["student_number", "course_code", "period", "score", "letter", "graded_on"];

    private static (CsvTable? Table, List<ImportError> Errors) Read(byte[] bytes, string language = "en")
    {
        var errors = new List<ImportError>();
        return (CsvFile.Read(bytes, Columns, language, errors), errors);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [InlineData(';')]
    [InlineData(',')]
    public void Either_separator_is_recognised_from_the_header(char separator)
    {
        var text = string.Join(separator, Columns) + "\r\n" + string.Join(separator, "2023-FIT-0001", "ITB1101", "2023-2024-1", "87", "B+", "2024-01-10") + "\r\n\r\n";
        var (table, errors) = Read(Utf8(text));
        Assert.Empty(errors);
        Assert.Equal(separator, table!.Separator);
        var row = Assert.Single(table.Rows);
        Assert.Equal(2, row.Line);
        Assert.Equal("87", row.Fields[3]);
    }

    [Fact]
    public void Quoted_values_keep_separators_quotes_and_line_breaks_and_lines_are_counted_from_the_record_start()
    {
        var text = "student_number;course_code;period;score;letter;graded_on\n\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";1;F;\nx;y;z;2;F;\n";
        var (table, errors) = Read(Encoding.UTF8.GetPreamble().Concat(Utf8(text)).ToArray());
        Assert.Empty(errors);
        Assert.Equal(["a;b", "say \"hi\"", "two\nlines", "1", "F", ""], table!.Rows[0].Fields);
        Assert.Equal([2, 4], table.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Windows_1251_bytes_are_refused_with_the_line_they_are_on()
    {
        var header = Utf8(string.Join(';', Columns) + "\n2023-FIT-0001;ITB1101;2023-2024-1;87;B+;\n");
        // "Иванов" as Windows-1251 writes it (what Excel's plain "CSV" gives on a Russian-language Windows).
        byte[] ivanov = [0xC8, 0xE2, 0xE0, 0xED, 0xEE, 0xE2];
        var (table, errors) = Read([.. header, .. ivanov, .. Utf8(";ITB1101;2023-2024-1;87;B+;\n")], "ru");
        Assert.Null(table);
        var error = Assert.Single(errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("UTF-8", error.Message);
        Assert.Contains("Windows-1251", error.Message);
        Assert.StartsWith("Строка 3", error.Message);
    }

    [Fact]
    public void Utf16_and_excel_workbooks_are_refused()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(string.Join(';', Columns))).ToArray();
        Assert.Contains("UTF-16", Assert.Single(Read(utf16).Errors).Message);
        var utf16WithoutMark = Encoding.Unicode.GetBytes(string.Join(';', Columns));
        Assert.Contains("UTF-16", Assert.Single(Read(utf16WithoutMark).Errors).Message);
        Assert.Contains("Excel", Assert.Single(Read([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]).Errors).Message);
        Assert.Contains("empty", Assert.Single(Read([]).Errors).Message);
    }

    [Fact]
    public void A_tab_separated_file_or_one_without_a_separator_is_refused()
    {
        var tabs = Read(Utf8(string.Join('\t', Columns) + "\n"));
        Assert.Contains("tabs", Assert.Single(tabs.Errors).Message);
        var pipes = Read(Utf8(string.Join('|', Columns) + "\n"), "kk");
        Assert.Contains("бөлгіш", Assert.Single(pipes.Errors).Message);
    }

    [Fact]
    public void The_header_must_name_exactly_the_columns_in_their_order()
    {
        var missing = Read(Utf8("student_number;course_code;period;score;graded_on\n"));
        var error = Assert.Single(missing.Errors);
        Assert.Equal((1, "graded_on"), (error.Line, error.Column));
        Assert.Contains("student_number;course_code;period;score;letter;graded_on", error.Message);
        var renamed = Read(Utf8("student;course_code;period;score;letter;graded_on\n"));
        Assert.Equal("student", Assert.Single(renamed.Errors).Column);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_values_or_an_unclosed_quote_is_reported_at_its_line()
    {
        var text = string.Join(';', Columns) + "\n2023-FIT-0001,ITB1101,2023-2024-1,87,B+,\nok;ok;ok;1;F;\n";
        var (table, errors) = Read(Utf8(text));
        Assert.Null(table);
        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("separator", error.Message);
        var quote = Read(Utf8(string.Join(';', Columns) + "\nok;ok;ok;1;F;\n\"never closed;x;y;1;F;\n"));
        Assert.Equal(3, Assert.Single(quote.Errors).Line);
    }
}
