using System.Text;

namespace Adal.Features.Documents;

/// <summary>
/// A QR code encoder (ISO/IEC 18004:2015) for what a document needs: the text in byte mode, error-correction level M,
/// the smallest version that holds it, the mask with the lowest penalty.
/// </summary>
/// <remarks>
/// It replaced QRCoder, whose scoring of the eight masks alone took ~6% of the host's CPU under certificate filings.
/// Everything that depends only on the version is built once (<see cref="QrSymbolLayout"/>); the symbol is held as
/// rows and columns packed 64 modules to a word, so a mask is an XOR and its penalty a few word operations per line
/// (<see cref="QrMaskPenalty"/>); the only allocation is the result.
/// </remarks>
internal static class QrEncoder
{
    public const int MaxBytes = 2331;

    // Table 9, level M, by version: error-correction codewords per block, and blocks.
    private static ReadOnlySpan<byte> EccCodewordsPerBlock =>
    [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ];

    private static ReadOnlySpan<byte> BlockCount =>
    [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ];

    // §7.5: GF(2⁸) modulo x⁸ + x⁴ + x³ + x² + 1. Exp runs to 511 so a product's logarithms need no reduction.
    private static readonly byte[] Exp = new byte[512];
    private static readonly byte[] Log = new byte[256];

    // Annex A: the generator polynomial of each degree level M uses, as the logarithms of its coefficients below the leading 1.
    private static readonly byte[]?[] GeneratorLogs = new byte[]?[31];

    static QrEncoder()
    {
        var value = 1;
        for (var power = 0; power < 255; power++)
        {
            Exp[power] = Exp[power + 255] = (byte)value;
            Log[value] = (byte)power;
            value <<= 1;
            if (value > 0xFF)
                value ^= 0x11D;
        }
        foreach (var degree in EccCodewordsPerBlock[1..])
            GeneratorLogs[degree] ??= Generator(degree);
    }

    /// <summary>The symbol's modules, row by row, dark as true, without the quiet zone.</summary>
    public static bool[,] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Byte mode reads as ISO-8859-1 unless an ECI says otherwise (§7.4), so text that fits in it is written in it.
        // Anything else goes as UTF-8 without an ECI; readers recognise UTF-8 by its byte patterns. QRCoder chose the
        // same way, and it matters: zbar, given "café" as UTF-8, guesses a Chinese encoding instead.
        var encoding = text.AsSpan().ContainsAnyExceptInRange('\u0000', '\u00FF') ? Encoding.UTF8 : Encoding.Latin1;
        var byteCount = encoding.GetByteCount(text);
        var version = SmallestVersion(byteCount);
        Span<byte> bytes = stackalloc byte[byteCount];
        encoding.GetBytes(text, bytes);

        Span<byte> codewords = stackalloc byte[QrSymbolLayout.DataModules(version) / 8];
        Span<byte> data = stackalloc byte[DataCodewords(version)];
        WriteData(bytes, version, data);
        Interleave(data, version, codewords);

        var layout = QrSymbolLayout.For(version);
        var (size, words) = (layout.Size, layout.Words);
        var length = size * words;
        Span<ulong> rows = stackalloc ulong[length];
        Span<ulong> columns = stackalloc ulong[length];
        Span<ulong> maskedRows = stackalloc ulong[length];
        Span<ulong> maskedColumns = stackalloc ulong[length];
        layout.Function.Rows.CopyTo(rows);
        layout.Function.Columns.CopyTo(columns);
        // Remainder bits (§7.7), the data modules past the last codeword, stay light. No branch on the bit: data bits are
        // as good as random, so it would be mispredicted half the time.
        for (var bit = 0; bit < codewords.Length * 8; bit++)
        {
            var dark = (ulong)(codewords[bit >> 3] >> (7 - (bit & 7)) & 1);
            var (inRow, inColumn) = (layout.DataRowBits[bit], layout.DataColumnBits[bit]);
            rows[inRow >> 6] |= dark << (inRow & 63);
            columns[inColumn >> 6] |= dark << (inColumn & 63);
        }

        var best = 0;
        var lowestPenalty = int.MaxValue;
        for (var mask = 0; mask < QrSymbolLayout.MaskCount; mask++)
        {
            Xor(rows, layout.Masks[mask].Rows, maskedRows);
            Xor(columns, layout.Masks[mask].Columns, maskedColumns);
            // Strictly lower, so a tie goes to the lower mask number.
            var penalty = QrMaskPenalty.Score(maskedRows, maskedColumns, size, words);
            if (penalty < lowestPenalty)
                (best, lowestPenalty) = (mask, penalty);
        }
        Xor(rows, layout.Masks[best].Rows, maskedRows);

        var modules = new bool[size, size];
        for (var row = 0; row < size; row++)
        {
            var line = maskedRows.Slice(row * words, words);
            for (var column = 0; column < size; column++)
                modules[row, column] = (line[column >> 6] >> (column & 63) & 1) != 0;
        }
        return modules;
    }

    internal static int DataCodewords(int version) =>
        QrSymbolLayout.DataModules(version) / 8 - BlockCount[version] * EccCodewordsPerBlock[version];

    private static int SmallestVersion(int byteCount)
    {
        for (var version = 1; version <= 40; version++)
        {
            if (HeaderBits(version) + 8 * byteCount <= 8 * DataCodewords(version))
                return version;
        }
        throw new ArgumentException($"{byteCount} bytes do not fit in a QR code at level M, which holds {MaxBytes}.", "text");
    }

    // §7.4, byte mode, and table 3: mode indicator 0100, then the byte count in 8 bits up to version 9 and 16 bits beyond.
    private static int HeaderBits(int version) => 4 + CountBits(version);

    private static int CountBits(int version) => version <= 9 ? 8 : 16;

    private static void WriteData(ReadOnlySpan<byte> bytes, int version, Span<byte> data)
    {
        // The header is 12 or 20 bits, so each byte of text straddles two codewords: its high half ends one, its low
        // half starts the next.
        var header = (0b0100 << CountBits(version) | bytes.Length) << 4;
        var next = HeaderBits(version) / 8;
        for (var i = next; i >= 0; i--, header >>= 8)
            data[i] = (byte)header;
        foreach (var value in bytes)
        {
            data[next] |= (byte)(value >> 4);
            data[++next] = (byte)(value << 4);
        }

        // §7.4: the terminator's four zero bits complete that last half codeword (a stream that fills the symbol ends
        // with it too, as its length is a multiple of 8 less 4), then pad codewords 11101100 and 00010001 in turn.
        next++;
        for (var pad = 0b1110_1100; next < data.Length; next++, pad ^= 0b1110_1100 ^ 0b0001_0001)
            data[next] = (byte)pad;
    }

    // §7.5 and §7.6: the data split into blocks (the later ones a codeword longer when it does not divide evenly), each
    // followed by its Reed–Solomon codewords, then all blocks read out column by column: first data, then error correction.
    private static void Interleave(ReadOnlySpan<byte> data, int version, Span<byte> codewords)
    {
        var blocks = BlockCount[version];
        var eccLength = EccCodewordsPerBlock[version];
        var shortBlocks = blocks - codewords.Length % blocks;
        var shortLength = codewords.Length / blocks - eccLength;
        var generator = GeneratorLogs[eccLength]!;

        Span<byte> ecc = stackalloc byte[blocks * eccLength];
        for (int block = 0, start = 0; block < blocks; block++)
        {
            var length = shortLength + (block < shortBlocks ? 0 : 1);
            Remainder(data.Slice(start, length), generator, ecc.Slice(block * eccLength, eccLength));
            start += length;
        }

        var next = 0;
        for (var i = 0; i <= shortLength; i++)
        {
            for (var block = i < shortLength ? 0 : shortBlocks; block < blocks; block++)
                codewords[next++] = data[block * shortLength + Math.Max(0, block - shortBlocks) + i];
        }
        for (var i = 0; i < eccLength; i++)
        {
            for (var block = 0; block < blocks; block++)
                codewords[next++] = ecc[block * eccLength + i];
        }
    }

    // The block times x^degree, divided by the generator: a shift register that takes one codeword at a time.
    private static void Remainder(ReadOnlySpan<byte> block, ReadOnlySpan<byte> generatorLogs, Span<byte> remainder)
    {
        remainder.Clear();
        var last = remainder.Length - 1;
        foreach (var codeword in block)
        {
            var factor = codeword ^ remainder[0];
            if (factor == 0)
            {
                remainder[1..].CopyTo(remainder);
                remainder[last] = 0;
                continue;
            }
            var logFactor = Log[factor];
            for (var i = 0; i < last; i++)
                remainder[i] = (byte)(remainder[i + 1] ^ Exp[logFactor + generatorLogs[i]]);
            remainder[last] = Exp[logFactor + generatorLogs[last]];
        }
    }

    // (x − α⁰)(x − α¹)…(x − α^(degree−1)); none of its coefficients is zero, so each has a logarithm.
    private static byte[] Generator(int degree)
    {
        Span<byte> coefficients = stackalloc byte[degree + 1];
        coefficients[0] = 1;
        for (var root = 0; root < degree; root++)
        {
            for (var i = root + 1; i > 0; i--)
            {
                if (coefficients[i - 1] != 0)
                    coefficients[i] ^= Exp[Log[coefficients[i - 1]] + root];
            }
        }
        var logs = new byte[degree];
        for (var i = 0; i < degree; i++)
            logs[i] = Log[coefficients[i + 1]];
        return logs;
    }

    private static void Xor(ReadOnlySpan<ulong> modules, ReadOnlySpan<ulong> mask, Span<ulong> masked)
    {
        for (var i = 0; i < masked.Length; i++)
            masked[i] = modules[i] ^ mask[i];
    }
}
