using System.Numerics;

namespace Adal.Features.Documents;

/// <summary>
/// What a QR symbol of one version at level M looks like before any data goes in (ISO/IEC 18004:2015 §6.3, §7.7–§7.10):
/// its function patterns, where each codeword bit goes, and what each of the eight masks changes, format information
/// included. None of it depends on the text, so it is built once per version and shared; encoding then only sets
/// bits and XORs.
/// </summary>
internal sealed class QrSymbolLayout
{
    public const int MaskCount = 8;

    // Annex E: the rows (and, the same numbers, the columns) of the alignment pattern centres, per version.
    private static readonly byte[][] AlignmentCentres =
    [
        [], [],
        [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
        [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50], [6, 30, 54], [6, 32, 58], [6, 34, 62],
        [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74], [6, 30, 54, 78], [6, 30, 56, 82], [6, 30, 58, 86], [6, 34, 62, 90],
        [6, 28, 50, 72, 94], [6, 26, 50, 74, 98], [6, 30, 54, 78, 102], [6, 28, 54, 80, 106], [6, 32, 58, 84, 110],
        [6, 30, 58, 86, 114], [6, 34, 62, 90, 118],
        [6, 26, 50, 74, 98, 122], [6, 30, 54, 78, 102, 126], [6, 26, 52, 78, 104, 130], [6, 30, 56, 82, 108, 134],
        [6, 34, 60, 86, 112, 138], [6, 30, 58, 86, 114, 142], [6, 34, 62, 90, 118, 146],
        [6, 30, 54, 78, 102, 126, 150], [6, 24, 50, 76, 102, 128, 154], [6, 28, 54, 80, 106, 132, 158],
        [6, 32, 58, 84, 110, 136, 162], [6, 26, 54, 82, 110, 138, 166], [6, 30, 58, 86, 114, 142, 170],
    ];

    // Two threads may build the same version at once; both copies are equal, so whichever is stored last is fine.
    private static readonly QrSymbolLayout?[] Built = new QrSymbolLayout?[41];

    private readonly bool[] isFunction;
    private readonly bool[] isDark;

    private QrSymbolLayout(int version)
    {
        Size = SizeOf(version);
        Words = (Size + 63) / 64;
        isFunction = new bool[Size * Size];
        isDark = new bool[Size * Size];

        PlaceFinder(0, 0);
        PlaceFinder(0, Size - 7);
        PlaceFinder(Size - 7, 0);
        PlaceTiming();
        PlaceAlignment(AlignmentCentres[version]);
        var (formatBesideFinder, formatSplit) = ReserveFormatInformation();
        if (version >= 7)
            PlaceVersionInformation(VersionInformation(version));
        Function = Pack(isDark);

        var order = ZigzagOrder();
        DataRowBits = new int[order.Length];
        DataColumnBits = new int[order.Length];
        for (var bit = 0; bit < order.Length; bit++)
        {
            int row = order[bit] / Size, column = order[bit] % Size;
            DataRowBits[bit] = row * Words * 64 + column;
            DataColumnBits[bit] = column * Words * 64 + row;
        }

        Masks = new PackedModules[MaskCount];
        for (var mask = 0; mask < MaskCount; mask++)
        {
            var changed = new bool[Size * Size];
            foreach (var index in order)
                changed[index] = Flips(mask, index / Size, index % Size);
            var format = FormatInformation(mask);
            for (var bit = 0; bit < 15; bit++)
                changed[formatBesideFinder[bit]] = changed[formatSplit[bit]] = (format >> bit & 1) != 0;
            Masks[mask] = Pack(changed);
        }
    }

    public int Size { get; }

    /// <summary>64-bit words per row or column.</summary>
    public int Words { get; }

    /// <summary>The function patterns' dark modules; the format information is left light, for the mask to fill.</summary>
    public PackedModules Function { get; }

    /// <summary>Per mask, the modules it changes: the data modules its pattern flips, and its format information's dark modules.</summary>
    public PackedModules[] Masks { get; }

    /// <summary>For each codeword bit in order, its module's bit in <see cref="PackedModules.Rows"/>; remainder bits last.</summary>
    public int[] DataRowBits { get; }

    /// <summary>The same, in <see cref="PackedModules.Columns"/>.</summary>
    public int[] DataColumnBits { get; }

    public static int SizeOf(int version) => 17 + 4 * version;

    /// <summary>
    /// Modules left for codewords once the function patterns are drawn: 8 per codeword, and 0–7 remainder bits.
    /// Worked out from the patterns rather than tabulated: 223 for the three finders with separators, the format
    /// information and the dark module; the two timing lines; 25 per alignment pattern less the 5 each one on a timing
    /// line shares with it; 36 for version information.
    /// </summary>
    public static int DataModules(int version)
    {
        var size = SizeOf(version);
        var modules = size * size - 223 - 2 * (size - 16);
        if (version >= 2)
        {
            var perAxis = version / 7 + 2;
            modules -= 25 * (perAxis * perAxis - 3) - 10 * (perAxis - 2);
        }
        if (version >= 7)
            modules -= 36;
        return modules;
    }

    public static QrSymbolLayout For(int version) => Built[version] ??= new QrSymbolLayout(version);

    /// <summary>§7.9: level M's indicator (00) and the mask number, a BCH(15,5) code of them, XORed with 101010000010010.</summary>
    public static int FormatInformation(int mask) => (mask << 10 | BchRemainder(mask, 0b101_0011_0111, 10)) ^ 0b101_0100_0001_0010;

    /// <summary>§7.10: the version number and a BCH(18,6) code of it.</summary>
    public static int VersionInformation(int version) => version << 12 | BchRemainder(version, 0b1_1111_0010_0101, 12);

    // The remainder of value·x^degree divided by the generator, polynomials over GF(2) held as bits.
    private static int BchRemainder(int value, int generator, int degree)
    {
        var remainder = value << degree;
        while (remainder >> degree != 0)
            remainder ^= generator << (BitOperations.Log2((uint)remainder) - degree);
        return remainder;
    }

    // §7.8, table 10, with i the row and j the column.
    private static bool Flips(int mask, int i, int j) => mask switch
    {
        0 => (i + j) % 2 == 0,
        1 => i % 2 == 0,
        2 => j % 3 == 0,
        3 => (i + j) % 3 == 0,
        4 => (i / 2 + j / 3) % 2 == 0,
        5 => i * j % 2 + i * j % 3 == 0,
        6 => (i * j % 2 + i * j % 3) % 2 == 0,
        _ => ((i + j) % 2 + i * j % 3) % 2 == 0,
    };

    private PackedModules Pack(bool[] dark)
    {
        var packed = new PackedModules(new ulong[Size * Words], new ulong[Size * Words]);
        for (var row = 0; row < Size; row++)
        {
            for (var column = 0; column < Size; column++)
            {
                if (!dark[row * Size + column])
                    continue;
                packed.Rows[row * Words + column / 64] |= 1UL << (column % 64);
                packed.Columns[column * Words + row / 64] |= 1UL << (row % 64);
            }
        }
        return packed;
    }

    private void Set(int row, int column, bool dark)
    {
        isFunction[row * Size + column] = true;
        isDark[row * Size + column] = dark;
    }

    // 7 × 7 with a one-module light separator on the sides that face the symbol (§6.3).
    private void PlaceFinder(int top, int left)
    {
        for (var row = Math.Max(top - 1, 0); row <= Math.Min(top + 7, Size - 1); row++)
        {
            for (var column = Math.Max(left - 1, 0); column <= Math.Min(left + 7, Size - 1); column++)
            {
                var ring = Math.Max(Math.Abs(row - top - 3), Math.Abs(column - left - 3));
                Set(row, column, ring != 2 && ring != 4);
            }
        }
    }

    // Row 6 and column 6, dark on even indices, between the separators (§6.3).
    private void PlaceTiming()
    {
        for (var i = 8; i < Size - 8; i++)
        {
            Set(6, i, i % 2 == 0);
            Set(i, 6, i % 2 == 0);
        }
    }

    // 5 × 5 at every pairing of the centres, except the three that would land on a finder (§6.3).
    private void PlaceAlignment(byte[] centres)
    {
        var last = centres.Length - 1;
        for (var i = 0; i <= last; i++)
        {
            for (var j = 0; j <= last; j++)
            {
                if ((i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0))
                    continue;
                for (var row = -2; row <= 2; row++)
                    for (var column = -2; column <= 2; column++)
                        Set(centres[i] + row, centres[j] + column, Math.Max(Math.Abs(row), Math.Abs(column)) != 1);
            }
        }
    }

    // §7.9: one copy around the top-left finder, bit 0 at the top of column 8 and bit 14 at the left end of row 8; the
    // other split between row 8 on the right and column 8 at the bottom. The dark module beside the bottom-left part
    // belongs to neither copy and is always dark.
    private (int[] BesideFinder, int[] Split) ReserveFormatInformation()
    {
        var besideFinder = new int[15];
        var split = new int[15];
        for (var bit = 0; bit < 15; bit++)
        {
            var (row, column) = bit switch
            {
                < 6 => (bit, 8),
                6 => (7, 8),
                7 => (8, 8),
                8 => (8, 7),
                _ => (8, 14 - bit),
            };
            besideFinder[bit] = row * Size + column;
            (row, column) = bit < 8 ? (8, Size - 1 - bit) : (Size - 15 + bit, 8);
            split[bit] = row * Size + column;
            Set(besideFinder[bit] / Size, besideFinder[bit] % Size, dark: false);
            Set(row, column, dark: false);
        }
        Set(Size - 8, 8, dark: true);
        return (besideFinder, split);
    }

    // §7.10: two 6 × 3 blocks, above the bottom-left finder and left of the top-right one, bit 0 in the corner.
    private void PlaceVersionInformation(int bits)
    {
        for (var bit = 0; bit < 18; bit++)
        {
            var dark = (bits >> bit & 1) != 0;
            var across = Size - 11 + bit % 3;
            Set(bit / 3, across, dark);
            Set(across, bit / 3, dark);
        }
    }

    // §7.7: two-module-wide columns from the right edge, upwards then downwards in turn, right module before left;
    // the vertical timing pattern takes a whole column, so the columns left of it shift by one.
    private int[] ZigzagOrder()
    {
        var free = 0;
        foreach (var function in isFunction)
            free += function ? 0 : 1;
        var order = new int[free];
        var next = 0;
        var upwards = true;
        for (var right = Size - 1; right > 0; right -= 2)
        {
            if (right == 6)
                right = 5;
            for (var step = 0; step < Size; step++)
            {
                var row = upwards ? Size - 1 - step : step;
                for (var column = right; column >= right - 1; column--)
                {
                    if (!isFunction[row * Size + column])
                        order[next++] = row * Size + column;
                }
            }
            upwards = !upwards;
        }
        return order;
    }
}

/// <summary>
/// Modules packed 64 to a word twice over, row by row and column by column (bit i of a line's word w is module 64w + i),
/// so that a column is scanned with the same word operations as a row.
/// </summary>
internal sealed record PackedModules(ulong[] Rows, ulong[] Columns);
