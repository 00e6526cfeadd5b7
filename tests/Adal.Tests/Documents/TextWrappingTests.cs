using System.Text;
using Adal.Features.Documents;

namespace Adal.Tests.Documents;

public sealed class TextWrappingTests
{
    private static readonly string[] Texts =
    [
        "Іңкәр Өмірзаққызы Үсенова «Ақпараттық жүйелер» білім беру бағдарламасы бойынша 3-курста күндізгі оқу нысанында оқитыны расталады.",
        "Настоящая справка подтверждает, что Пётр Ильич Соловьёв обучается на 3 курсе по образовательной программе «Информационные системы».",
        "This is to certify that Aigerim Nurlanovna Sadykova is a full-time student.\nIssued for presentation to: Embassy (visa).",
        "Verify: http://127.0.0.1:5000/verify/DEMO-2026-7K3QX9MP-with-a-very-long-address-that-is-wider-than-any-line-of-the-page",
        "Zoé Müller-Straße, Ø 3½ ‰ and 𝒜 😀 outside the Basic Multilingual Plane, then plain words again after them",
    ];

    [Fact]
    public void Adding_a_word_at_a_time_breaks_lines_exactly_where_measuring_each_candidate_line_whole_does()
    {
        var type = DocumentTypography.Shared;
        foreach (var font in new[] { type.Body, type.Title, type.Footer, type.Table })
            foreach (var text in Texts)
                for (var width = 20f; width <= 500f; width += 7.3f)
                    Assert.Equal(MeasuringWhole(text, font, width), TextWrapping.Wrap(text, font, width));
    }

    [Fact]
    public void Every_line_fits_and_no_word_is_lost()
    {
        var font = DocumentTypography.Shared.Body;
        foreach (var text in Texts.Take(3))
        {
            var lines = TextWrapping.Wrap(text, font, 200f);
            Assert.All(lines, line => Assert.True(PdfPage.Width(line, font) <= 200f, line));
            Assert.Equal(text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries), lines.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }
    }

    // The way lines were broken before: each candidate line measured whole. Long words are cut as TextWrapping cuts them.
    private static List<string> MeasuringWhole(string text, DocumentFont font, float width)
    {
        var lines = new List<string>();
        foreach (var hardLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in hardLine.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (PdfPage.Width(candidate, font) <= width)
                {
                    line.Clear().Append(candidate);
                    continue;
                }
                if (line.Length > 0) lines.Add(line.ToString());
                line.Clear();
                // A word wider than the line: TextWrapping cuts it alone, so its pieces are the wrap of the word by itself.
                var pieces = TextWrapping.Wrap(word, font, width);
                lines.AddRange(pieces[..^1]);
                line.Append(pieces[^1]);
            }
            lines.Add(line.ToString());
        }
        return lines;
    }
}
