using System.Globalization;
using System.Text;
using Adal.Features.Documents;
using SkiaSharp;

namespace Adal.Tests.Documents;

public sealed class DocumentPdfTests
{
    private const string Url = "http://127.0.0.1:5000/verify/DEMO-2026-7K3QX9MP";
    private static readonly DateTime Issued = new(2026, 11, 23, 9, 5, 0, DateTimeKind.Utc); // 14:05 in Almaty

    private const string KazakhLetters = "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І";

    private static readonly DocumentContent Kazakh = new(
        "kk",
        "Ұлттық демо университеті",
        "Білім алушы екендігі туралы анықтама",
        "Іңкәр Өмірзаққызы Үсенова «Ақпараттық жүйелер» білім беру бағдарламасы бойынша 3-курста күндізгі оқу нысанында оқитыны расталады.\n\n"
            + $"Анықтама Әлеуметтік қорғау органдарына ұсыну үшін берілді. Һәм тексеру үшін: {KazakhLetters}.",
        "Іңкәр Өмірзаққызы Үсенова",
        "DEMO-2026-7K3QX9MP",
        Issued,
        Url,
        LedgerIndex: 1042);

    private static readonly DocumentContent Russian = new(
        "ru",
        "Национальный демонстрационный университет",
        "Справка с места учёбы",
        "Настоящая справка подтверждает, что Пётр Ильич Соловьёв обучается на 3 курсе по образовательной программе «Информационные системы» по очной форме обучения.\n\n"
            + "Справка выдана для предъявления: Военный комиссариат.",
        "Соловьёв Пётр Ильич",
        "DEMO-2026-7K3QX9MP",
        Issued,
        Url,
        LedgerIndex: 1042);

    private static readonly DocumentContent English = new(
        "en",
        "National Demo University",
        "Certificate of study",
        "This is to certify that Aigerim Nurlanovna Sadykova is a full-time student in year 3 of the programme “Information systems”.\n\n"
            + "Issued for presentation to: Embassy (visa).",
        "Aigerim Nurlanovna Sadykova",
        "DEMO-2026-7K3QX9MP",
        Issued,
        Url,
        LedgerIndex: 1042);

    [Fact]
    public void Kazakh_document_prints_every_Kazakh_letter_exactly()
    {
        using var pdf = new RenderedPdf(Kazakh);
        var text = pdf.Text();
        var flat = pdf.FlatText();

        foreach (var letter in KazakhLetters.Split(' '))
            Assert.Contains(letter, text);
        Assert.Contains(KazakhLetters, flat);
        Assert.Contains("Ұлттық демо университеті", text);
        Assert.Contains("Білім алушы екендігі туралы анықтама", text);
        Assert.Contains("Құжат иесі", text);
        Assert.Contains("Іңкәр Өмірзаққызы Үсенова", text);
        Assert.Contains("Құжат №", text);
        Assert.Contains("Берілген күні", text);
        Assert.Contains("2026 ж. 23 қараша, 14:05 (UTC+05:00)", text);
        Assert.Contains("Әлеуметтік қорғау органдарына ұсыну үшін берілді", flat);
        Assert.Contains($"Түпнұсқалығын тексеру: {Url}", flat);
        Assert.Contains("Тізілімдегі жазба № 1042", text);
    }

    [Fact]
    public void Russian_document_prints_its_labels_and_text_exactly()
    {
        using var pdf = new RenderedPdf(Russian);
        var text = pdf.Text();

        Assert.Contains("Справка с места учёбы", text);
        Assert.Contains("Владелец документа", text);
        Assert.Contains("Соловьёв Пётр Ильич", text);
        Assert.Contains("Документ № DEMO-2026-7K3QX9MP", pdf.FlatText());
        Assert.Contains("Дата выдачи", text);
        Assert.Contains("23 ноября 2026 г., 14:05 (UTC+05:00)", text);
        Assert.Contains("Настоящая справка подтверждает, что Пётр Ильич Соловьёв обучается", pdf.FlatText());
        Assert.Contains($"Проверить подлинность: {Url}", pdf.FlatText());
        Assert.Contains("Запись в реестре № 1042", text);
        Assert.Contains("Страница 1 из 1", text);
    }

    [Fact]
    public void English_document_prints_its_labels_and_text_exactly()
    {
        using var pdf = new RenderedPdf(English);
        var text = pdf.Text();

        Assert.Contains("Certificate of study", text);
        Assert.Contains("Issued to", text);
        Assert.Contains("Document No.", text);
        Assert.Contains("Date of issue", text);
        Assert.Contains("23 November 2026, 14:05 (UTC+05:00)", text);
        Assert.Contains("programme “Information systems”", pdf.FlatText());
        Assert.Contains($"Verify authenticity: {Url}", pdf.FlatText());
        Assert.Contains("Ledger entry No. 1042", text);
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public void The_QR_code_scans_to_the_verification_address(string language)
    {
        var content = language switch { "kk" => Kazakh, "ru" => Russian, _ => English };
        using var pdf = new RenderedPdf(content);

        Assert.Equal(Url, pdf.ScanQrCode());
    }

    [Fact]
    public void A_long_body_continues_on_a_second_page_instead_of_being_cut()
    {
        var paragraphs = Enumerable.Range(1, 40).Select(i =>
            $"Абзац {i:00}. Білім алушы оқу жоспарын толық орындады, барлық емтихандарды уақытында тапсырды және " +
            $"кафедраның ғылыми жұмысына белсенді қатысты; бұл сөйлем жолдан жолға ауысуы үшін әдейі ұзын жазылған. Соңы {i:00}.");
        using var pdf = new RenderedPdf(Kazakh with { Body = string.Join("\n\n", paragraphs), LedgerIndex = null });

        Assert.True(pdf.PageCount >= 2, $"expected at least two pages, got {pdf.PageCount}");
        var flat = pdf.FlatText();
        for (var i = 1; i <= 40; i++)
        {
            Assert.Contains($"Абзац {i:00}. Білім алушы оқу жоспарын толық орындады", flat);
            Assert.Contains($"әдейі ұзын жазылған. Соңы {i:00}.", flat);
        }
        Assert.Contains("Абзац 40.", pdf.FlatText(pdf.PageCount));
        Assert.Contains($"Бет 2 / {pdf.PageCount}", pdf.Text(2));
        Assert.DoesNotContain("Тізілімдегі жазба", flat);
        Assert.Equal(Url, pdf.ScanQrCode(page: 2));
    }

    [Fact]
    public void A_word_longer_than_the_line_is_broken_rather_than_running_off_the_page()
    {
        var longWord = string.Concat(Enumerable.Repeat("ҚҰЖАТ", 40));
        using var pdf = new RenderedPdf(English with { Body = longWord });

        Assert.Contains(longWord, pdf.FlatText().Replace(" ", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public void A_one_page_document_stays_small(string language)
    {
        // The fonts in Assets/Fonts are subsets (docs/data.md): embedded whole, the full DejaVu Sans pair made every
        // document weigh ~750 KB. Under 85,000 bytes the runtime keeps a document's bytes off the large object heap.
        var content = language switch { "kk" => Kazakh, "ru" => Russian, _ => English };
        using var pdf = new RenderedPdf(content);

        Assert.Equal(1, pdf.PageCount);
        Assert.True(pdf.Bytes.Length < 85_000, $"a one-page {language} document is {pdf.Bytes.Length:N0} bytes; expected under 85,000");
    }

    [Fact]
    public void Every_cross_reference_points_at_its_object_and_startxref_at_the_table()
    {
        // Readers silently rebuild a broken table (poppler does), so the file's own structure is checked here.
        var bytes = DocumentPdf.Render(Kazakh with { Body = string.Join("\n\n", Enumerable.Repeat(Kazakh.Body, 30)) });
        var text = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-1.7\n", text, StringComparison.Ordinal);
        Assert.EndsWith("%%EOF\n", text, StringComparison.Ordinal);

        var startxref = int.Parse(text[(text.LastIndexOf("startxref\n", StringComparison.Ordinal) + 10)..].Split('\n')[0], CultureInfo.InvariantCulture);
        Assert.Equal("xref\n", text.Substring(startxref, 5));
        var lines = text[startxref..].Split('\n');
        var count = int.Parse(lines[1].Split(' ')[1], CultureInfo.InvariantCulture);
        Assert.True(count > 16, $"a multi-page document has more than one page's objects, got {count}");
        Assert.Equal("0000000000 65535 f ", lines[2]);
        for (var number = 1; number < count; number++)
        {
            var entry = lines[2 + number];
            Assert.Equal(19, entry.Length); // 20 bytes with the line feed (PDF 32000-1 §7.5.4)
            var offset = int.Parse(entry[..10], CultureInfo.InvariantCulture);
            Assert.StartsWith($"{number} 0 obj\n", text[offset..], StringComparison.Ordinal);
        }
        Assert.Contains($"/Size {count} /Root 1 0 R", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_fonts_are_embedded_with_a_map_back_to_the_letters()
    {
        using var pdf = new RenderedPdf(Kazakh);
        var fonts = ExternalTool.Run("pdffonts", pdf.FilePath).Split('\n').Where(l => l.Contains("DejaVuSans", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, fonts.Count);
        Assert.All(fonts, line => Assert.Matches(@"CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", line));
        Assert.Contains(fonts, line => line.Contains("DejaVuSans-Bold", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0f, "0")]
    [InlineData(-0.0004f, "0")]
    [InlineData(12.5f, "12.5")]
    [InlineData(595.28f, "595.28")]
    [InlineData(-3.25f, "-3.25")]
    [InlineData(0.001f, "0.001")]
    [InlineData(0.0104f, "0.01")]
    [InlineData(1000f, "1000")]
    public void Numbers_are_written_as_PDF_reals_with_at_most_three_decimals(float value, string written)
    {
        Assert.Equal(written, new StringBuilder().AppendNumber(value).ToString());
    }

    [Fact]
    public void The_same_document_renders_to_the_same_bytes()
    {
        Assert.Equal(DocumentPdf.Render(Russian), DocumentPdf.Render(Russian));
    }

    [Fact]
    public void A_draft_finished_again_with_another_index_is_the_document_rendered_with_that_index()
    {
        // A group commit finishes a filing's PDF with its ledger index, and again with a higher one when a unit before
        // it in the batch failed: the second file must be exactly what rendering with that index gives.
        var draft = DocumentPdf.Draft(Kazakh with { LedgerIndex = null });
        var first = draft.Finish(1042);
        var second = draft.Finish(987_654_321);

        Assert.Equal(DocumentPdf.Render(Kazakh with { LedgerIndex = 1042 }), first);
        Assert.Equal(DocumentPdf.Render(Kazakh with { LedgerIndex = 987_654_321 }), second);
        using var pdf = new RenderedPdf(second);
        Assert.Contains("987654321", pdf.Text());
        Assert.DoesNotContain("1042", pdf.Text());
    }

    [Fact]
    public void A_document_carries_the_fonts_cut_down_to_its_alphabets()
    {
        // Both font files whole were ~75 KB of every certificate's ~82 KB, written to the database and its log with
        // each one; cut down to ASCII and the Russian and Kazakh alphabets, a one-page certificate is ~30 KB.
        var pdf = DocumentPdf.Render(Kazakh);

        Assert.True(pdf.Length < 40_000, $"a one-page certificate is {pdf.Length:N0} bytes; expected under 40,000");
    }

    [Fact]
    public void A_letter_outside_those_alphabets_is_embedded_and_read_back()
    {
        // é, ü and ß are not among the glyphs every document carries: this document gets fonts cut down to its own.
        using var pdf = new RenderedPdf(English with { HolderName = "Zoé Müller-Straße", Body = "Zoé Müller-Straße is a full-time student." });

        Assert.Contains("Zoé Müller-Straße is a full-time student.", pdf.FlatText());
        Assert.Equal(Url, pdf.ScanQrCode());
        var fonts = ExternalTool.Run("pdffonts", pdf.FilePath);
        Assert.Equal(2, fonts.Split('\n').Count(l => l.Contains("DejaVuSans", StringComparison.Ordinal) && l.Contains("yes yes yes", StringComparison.Ordinal)));
    }

    [Fact]
    public void Text_is_measured_and_mapped_to_glyphs_as_Skia_does_it_from_tables_built_once()
    {
        var type = DocumentTypography.Shared;
        string[] samples =
        [
            "Әл-Фараби атындағы Қазақ ұлттық университеті: білім алушы екендігі туралы анықтама № 17",
            "Справка с места учёбы «для предоставления по месту требования» — 2026 г.",
            "Zoé Müller-Straße, Ø 3½ ‰",
            "A name with 𝒜 and 😀 outside the Basic Multilingual Plane",
        ];
        foreach (var font in new[] { type.Body, type.Title, type.Footer })
        {
            using var skia = new SKFont(font.Pdf == PdfWriter.BoldFont ? DocumentFonts.Bold : DocumentFonts.Regular, font.Size)
                { Hinting = SKFontHinting.None, Subpixel = true, LinearMetrics = true };
            Assert.Equal(skia.Metrics.Ascent, font.Ascent);
            Assert.Equal(skia.Metrics.Descent, font.Descent);
            foreach (var text in samples)
            {
                Assert.Equal(skia.GetGlyphs(text), font.Pdf.Glyphs(text));
                Assert.Equal(skia.MeasureText(text), PdfPage.Width(text, font), 0.01f);
            }
        }
    }

    [Fact]
    public void The_issue_date_is_the_Almaty_calendar_day()
    {
        // 20:30 UTC is already 01:30 the next morning in Almaty.
        using var pdf = new RenderedPdf(English with { IssuedAtUtc = new DateTime(2026, 11, 23, 20, 30, 0, DateTimeKind.Utc) });

        Assert.Contains("24 November 2026, 01:30 (UTC+05:00)", pdf.Text());
    }

    [Fact]
    public void An_unknown_language_is_a_bug_in_the_caller()
    {
        Assert.Throws<ArgumentException>(() => DocumentPdf.Render(English with { Language = "de" }));
    }

    [Fact]
    public void The_QR_symbol_uses_error_correction_level_M()
    {
        var modules = QrCodeDrawing.Modules(Url);
        var size = modules.GetLength(0);
        Assert.Equal(0, (size - 17) % 4); // 17 + 4 × version: the bare symbol
        Assert.True(modules[0, 0] && modules[6, 6] && !modules[7, 7], "the finder pattern sits in the corner: no margin inside the symbol");

        // ISO/IEC 18004 §7.9: 15 format bits beside the top-left finder, XOR-masked with 101010000010010; the first
        // two give the level: L = 01, M = 00, Q = 11, H = 10.
        int[] columns = [0, 1, 2, 3, 4, 5, 7, 8];
        int[] rows = [7, 5, 4, 3, 2, 1, 0];
        var bits = columns.Select(c => modules[8, c]).Concat(rows.Select(r => modules[r, 8]));
        var format = bits.Aggregate(0, (value, dark) => (value << 1) | (dark ? 1 : 0)) ^ 0b101010000010010;
        Assert.Equal(0b00, format >> 13);
    }
}
