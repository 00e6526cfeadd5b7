using System.Numerics;
using System.Runtime.CompilerServices;

namespace Adal.Features.Documents;

/// <summary>
/// The penalty of a masked QR symbol (ISO/IEC 18004:2015 §7.8, table 11), the lower the easier to read: N1 = 3, plus 1
/// per module beyond five, for each run of five or more same-coloured modules in a row or column; N2 = 3 for each
/// 2 × 2 block of one colour; N3 = 40 for each 1:1:3:1:1 finder-like pattern with four light modules before or after
/// it; N4 = 10 for each 5 % step of dark modules away from half.
/// </summary>
/// <remarks>
/// The standard leaves two readings open, and this takes QRCoder's (and Thonky's tutorial's), so that its byte-mode
/// symbols can serve as the tests' oracle: N3 counts 1011101 0000 and 0000 1011101 wholly inside the symbol, the
/// quiet zone not counting as light; and N4's steps are half-open 5 % bands counted from below (45 % up to 55 %
/// scores nothing, 40 % and 60 % exactly score 10 and 20). Any mask gives a valid symbol; the rule only picks the
/// one easiest to read.
/// <para>
/// Lines come packed as <see cref="PackedModules"/> do, bit i of a line's word w being module 64w + i. Each rule is
/// evaluated for 64 start positions at once: a run or pattern is counted at its first module, with the modules after
/// it shifted in from the next word.
/// </para>
/// </remarks>
internal static class QrMaskPenalty
{
    /// <summary>The penalty of one masked symbol, given as its rows and, the same modules again, its columns.</summary>
    public static int Score(ReadOnlySpan<ulong> rows, ReadOnlySpan<ulong> columns, int size, int words)
    {
        int penalty = 0, dark = 0;
        for (var line = 0; line < size; line++)
        {
            var row = rows.Slice(line * words, words);
            penalty += LinePenalty(row, size) + LinePenalty(columns.Slice(line * words, words), size);
            if (line + 1 < size)
                penalty += BlockPenalty(row, rows.Slice((line + 1) * words, words), size);
            foreach (var word in row)
                dark += BitOperations.PopCount(word);
        }
        var band = dark * 20 / (size * size);
        return penalty + 10 * (band >= 10 ? band - 10 : 9 - band);
    }

    // N1 and N3 along one row or column.
    private static int LinePenalty(ReadOnlySpan<ulong> line, int size)
    {
        // Up to version 11 a line is one word; the constant 0 for the word after it lets the JIT drop half the shifts.
        if (line.Length == 1)
            return WordPenalty(line[0], 0, ~line[0] & 1, size);
        var penalty = 0;
        for (var word = 0; word < line.Length; word++)
        {
            var next = word + 1 < line.Length ? line[word + 1] : 0;
            var before = word > 0 ? line[word - 1] >> 63 : ~line[0] & 1;
            penalty += WordPenalty(line[word], next, before, size - 64 * word);
        }
        return penalty;
    }

    // The runs and patterns that start in one word of a line, whichever word they end in: bit i of m_k is the module k
    // places after bit i's. before is the module preceding the word's first (for a line's first, the opposite colour).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WordPenalty(ulong m0, ulong next, ulong before, int modulesLeft)
    {
        ulong m1 = Ahead(m0, next, 1), m2 = Ahead(m0, next, 2), m3 = Ahead(m0, next, 3), m4 = Ahead(m0, next, 4),
            m5 = Ahead(m0, next, 5), m6 = Ahead(m0, next, 6), m7 = Ahead(m0, next, 7), m8 = Ahead(m0, next, 8),
            m9 = Ahead(m0, next, 9), m10 = Ahead(m0, next, 10);

        // A run of n ≥ 5 scores n − 2: one for each five-module window inside it, and two more at its first module,
        // the one whose predecessor differs.
        var fiveAlike = ~(m0 ^ m1) & ~(m1 ^ m2) & ~(m2 ^ m3) & ~(m3 ^ m4) & Starts(modulesLeft, 5);
        var runStarts = fiveAlike & (m0 ^ (m0 << 1 | before));
        var penalty = BitOperations.PopCount(fiveAlike) + 2 * BitOperations.PopCount(runStarts);

        var lightAfter = m0 & ~m1 & m2 & m3 & m4 & ~m5 & m6 & ~(m7 | m8 | m9 | m10);
        var lightBefore = ~(m0 | m1 | m2 | m3) & m4 & ~m5 & m6 & m7 & m8 & ~m9 & m10;
        return penalty + 40 * BitOperations.PopCount((lightAfter | lightBefore) & Starts(modulesLeft, 11));
    }

    // N2 for the 2 × 2 blocks whose top half lies in upper.
    private static int BlockPenalty(ReadOnlySpan<ulong> upper, ReadOnlySpan<ulong> lower, int size)
    {
        if (upper.Length == 1)
            return WordBlockPenalty(upper[0], 0, lower[0], 0, size);
        var penalty = 0;
        for (var word = 0; word < upper.Length; word++)
        {
            var last = word + 1 == upper.Length;
            penalty += WordBlockPenalty(upper[word], last ? 0 : upper[word + 1], lower[word], last ? 0 : lower[word + 1], size - 64 * word);
        }
        return penalty;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WordBlockPenalty(ulong upper, ulong upperNext, ulong lower, ulong lowerNext, int modulesLeft)
    {
        var (upperRight, lowerRight) = (Ahead(upper, upperNext, 1), Ahead(lower, lowerNext, 1));
        var alike = ~(upper ^ upperRight) & ~(upper ^ lower) & ~(upperRight ^ lowerRight);
        return 3 * BitOperations.PopCount(alike & Starts(modulesLeft, 2));
    }

    private static ulong Ahead(ulong here, ulong next, int k) => here >> k | next << (64 - k);

    // The start positions in this word of the windows that lie wholly inside the line: the bits past its end are zero,
    // and must not count as light modules.
    private static ulong Starts(int modulesLeft, int window)
    {
        var count = modulesLeft - window + 1;
        return count >= 64 ? ulong.MaxValue : count <= 0 ? 0 : (1UL << count) - 1;
    }
}
