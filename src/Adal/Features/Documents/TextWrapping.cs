using System.Globalization;
using System.Text;

namespace Adal.Features.Documents;

/// <summary>Breaks text into lines that fit a width, at spaces; a word wider than the line (a long URL) is cut between characters.</summary>
internal static class TextWrapping
{
    /// <summary>The paragraphs of a body: separated by a blank line, with single line breaks kept inside a paragraph.</summary>
    public static IEnumerable<string> Paragraphs(string body) =>
        body.ReplaceLineEndings("\n")
            .Split("\n\n", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static List<string> Wrap(string text, DocumentFont font, float width)
    {
        var lines = new List<string>();
        foreach (var hardLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = new StringBuilder();
            // The line's advances so far, so that each word adds its own instead of the line being measured again with
            // it (a line of n words was measured n times); null once the line holds text only Skia measures.
            float? lineUnits = 0f;
            foreach (var word in hardLine.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                var units = lineUnits ?? 0f;
                var measured = lineUnits is not null && (line.Length == 0 || font.Pdf.TryAddUnits(" ", ref units)) && font.Pdf.TryAddUnits(word, ref units);
                if (measured ? PdfFont.Width(units, font.Size) <= width : PdfPage.Width(line.Length == 0 ? word : $"{line} {word}", font) <= width)
                {
                    (line.Length == 0 ? line : line.Append(' ')).Append(word);
                    lineUnits = measured ? units : null;
                    continue;
                }
                if (line.Length > 0)
                    lines.Add(line.ToString());
                line.Clear();
                foreach (var piece in CutToWidth(word, font, width))
                {
                    if (line.Length > 0)
                        lines.Add(line.ToString());
                    line.Clear().Append(piece);
                }
                var pieceUnits = 0f;
                lineUnits = font.Pdf.TryAddUnits(line.ToString(), ref pieceUnits) ? pieceUnits : null;
            }
            lines.Add(line.ToString());
        }
        return lines;
    }

    // Cuts between text elements (never inside a surrogate pair or before a combining mark).
    private static IEnumerable<string> CutToWidth(string word, DocumentFont font, float width)
    {
        var piece = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(word);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (piece.Length > 0 && PdfPage.Width(piece + element, font) > width)
            {
                yield return piece.ToString();
                piece.Clear();
            }
            piece.Append(element);
        }
        if (piece.Length > 0)
            yield return piece.ToString();
    }
}
