using System.Globalization;
using System.Text;
using Adal.Features.Documents;
using QRCoder;
using SkiaSharp;

namespace Adal.Tests.Documents;

/// <summary>
/// Our QR encoder against two independent readings of ISO/IEC 18004: QRCoder's symbols module for module, and zbar decoding
/// what we draw. QRCoder is held to byte mode, the only one we use: by default it splits ISO-8859-1 text into numeric,
/// alphanumeric and byte segments.
/// </summary>
public sealed class QrEncoderTests
{
    private const string Url = "http://127.0.0.1:5000/verify/DEMO-2026-7K3QX9MP";
    private const string Kazakh = "Қазақстан Республикасы — Әл-Фараби атындағы ҚазҰУ";
    private const string Russian = "Справка выдана для предъявления по месту требования; Соловьёв Пётр Ильич, 3 курс.";

    [Fact]
    public void ASCII_text_of_every_length_up_to_300_gives_QRCoders_symbol()
    {
        var text = new StringBuilder(Url);
        while (text.Length < 300)
            text.Append(CultureInfo.InvariantCulture, $"&n={text.Length * 7919 % 100_003}");
        for (var length = 0; length <= 300; length++)
            AssertSameAsQRCoder(text.ToString(0, length));
    }

    [Fact]
    public void Kazakh_and_Russian_text_gives_QRCoders_symbol()
    {
        var text = string.Concat(Enumerable.Repeat(Kazakh + " " + Russian + " ", 3));
        for (var length = 1; length <= 300; length += 7)
            AssertSameAsQRCoder(text[..length]);
        AssertSameAsQRCoder(Kazakh);
        AssertSameAsQRCoder(Russian);
    }

    [Fact]
    public void Text_within_ISO_8859_1_is_written_in_it_as_QRCoder_did()
    {
        var text = string.Concat(Enumerable.Repeat("Naïve café in Zürich, Ærøskøbing: ¿½ × ÷ ©? ", 4));
        for (var length = 1; length <= text.Length; length += 5)
        {
            var latin1 = text[..length];
            using var oracle = QRCodeGenerator.GenerateQrCode(Encoding.Latin1.GetBytes(latin1), QRCodeGenerator.ECCLevel.M);
            AssertSame(latin1, oracle);
        }
    }

    [Fact]
    public void Every_version_from_1_to_40_is_chosen_when_QRCoder_chooses_it()
    {
        for (var version = 1; version <= 40; version++)
        {
            var capacity = ByteCapacity(version);
            AssertSameAsQRCoder(new string('a', capacity), version);
            if (version < 40)
                AssertSameAsQRCoder(new string('b', capacity + 1), version + 1);
        }
    }

    // Table 7 of the standard, level M, byte mode.
    [Theory]
    [InlineData(1, 14)]
    [InlineData(2, 26)]
    [InlineData(3, 42)]
    [InlineData(4, 62)]
    [InlineData(7, 122)]
    [InlineData(10, 213)]
    [InlineData(40, 2331)]
    public void Level_M_holds_the_standards_byte_capacity(int version, int bytes)
    {
        Assert.Equal(bytes, ByteCapacity(version));
        Assert.Equal(17 + 4 * version, QrEncoder.Encode(new string('x', bytes)).GetLength(0));
        if (version < 40)
            Assert.Equal(21 + 4 * version, QrEncoder.Encode(new string('x', bytes + 1)).GetLength(0));
    }

    [Fact]
    public void Text_beyond_version_40_is_refused()
    {
        Assert.Throws<ArgumentException>(() => QrEncoder.Encode(new string('x', 2332)));
    }

    // Table 9: total codewords per version, against the modules the layout leaves free of function patterns.
    [Theory]
    [InlineData(1, 26)]
    [InlineData(2, 44)]
    [InlineData(6, 172)]
    [InlineData(7, 196)]
    [InlineData(14, 581)]
    [InlineData(21, 1156)]
    [InlineData(40, 3706)]
    public void The_layout_leaves_the_standards_number_of_codewords(int version, int codewords)
    {
        Assert.Equal(codewords, QrSymbolLayout.For(version).DataRowBits.Length / 8);
    }

    [Fact]
    public void Every_versions_layout_leaves_as_many_data_modules_as_worked_out()
    {
        for (var version = 1; version <= 40; version++)
            Assert.Equal(QrSymbolLayout.DataModules(version), QrSymbolLayout.For(version).DataRowBits.Length);
    }

    // Annex C, table C.1: the level M rows, mask indicator 000 to 111, after the XOR with 101010000010010.
    [Theory]
    [InlineData(0, 0b101010000010010)]
    [InlineData(1, 0b101000100100101)]
    [InlineData(2, 0b101111001111100)]
    [InlineData(3, 0b101101101001011)]
    [InlineData(4, 0b100010111111001)]
    [InlineData(5, 0b100000011001110)]
    [InlineData(6, 0b100111110010111)]
    [InlineData(7, 0b100101010100000)]
    public void Format_information_for_level_M_is_the_standards_table(int mask, int bits)
    {
        Assert.Equal(bits, QrSymbolLayout.FormatInformation(mask));
    }

    // Annex D, table D.1.
    [Theory]
    [InlineData(7, 0x07C94)]
    [InlineData(8, 0x085BC)]
    [InlineData(10, 0x0A4D3)]
    [InlineData(21, 0x15683)]
    [InlineData(40, 0x28C69)]
    public void Version_information_is_the_standards_table(int version, int bits)
    {
        Assert.Equal(bits, QrSymbolLayout.VersionInformation(version));
    }

    [Theory]
    [InlineData("a")]
    [InlineData(Url)]
    [InlineData(Kazakh)]
    [InlineData("Naïve café in Zürich")]
    [InlineData("½ € ✓ 𝄞 — three- and four-byte UTF-8")]
    [InlineData(Url + "?holder=Іңкәр%20Өмірзаққызы&lang=kk&issued=2026-11-23T14:05:00%2B05:00&ledger=1042&sig=Hb7Qx2")]
    public void zbar_reads_back_the_text(string text)
    {
        Assert.Equal(text, ScanWithZbar(QrEncoder.Encode(text)));
    }

    [Fact]
    public void zbar_reads_back_a_version_7_and_a_version_15_symbol()
    {
        var version7 = Url + "?university=Әл-Фараби атындағы ҚазҰУ&lang=kk"; // 112 bytes: version 7 holds 107 to 122
        var version15 = string.Join(' ', Enumerable.Repeat(Kazakh, 4)); // 375 bytes: version 15 holds 363 to 412
        Assert.Equal(45, QrEncoder.Encode(version7).GetLength(0));
        Assert.Equal(77, QrEncoder.Encode(version15).GetLength(0));
        Assert.Equal(version7, ScanWithZbar(QrEncoder.Encode(version7)));
        Assert.Equal(version15, ScanWithZbar(QrEncoder.Encode(version15)));
    }

    private static int ByteCapacity(int version) => (8 * QrEncoder.DataCodewords(version) - 4 - (version <= 9 ? 8 : 16)) / 8;

    private static void AssertSameAsQRCoder(string text, int? expectedVersion = null)
    {
        using var oracle = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M, forceUtf8: true);
        if (expectedVersion is { } version)
            Assert.Equal(version, oracle.Version);
        AssertSame(text, oracle);
    }

    private static void AssertSame(string text, QRCodeData oracle)
    {
        var expected = WithoutQuietZone(oracle);
        var actual = QrEncoder.Encode(text);
        var size = expected.GetLength(0);
        Assert.True(size == actual.GetLength(0), $"{Describe(text)}: size {actual.GetLength(0)}, QRCoder {size}");

        var differences = 0;
        for (var row = 0; row < size; row++)
            for (var column = 0; column < size; column++)
                differences += expected[row, column] == actual[row, column] ? 0 : 1;
        Assert.True(differences == 0,
            $"{Describe(text)}, version {oracle.Version}: {differences} modules differ; mask {Mask(actual)}, QRCoder's {Mask(expected)}");
    }

    private static string Describe(string text) => $"{text.Length} characters ({Encoding.UTF8.GetByteCount(text)} bytes) \"{text[..Math.Min(text.Length, 24)]}…\"";

    private static bool[,] WithoutQuietZone(QRCodeData data)
    {
        var size = 17 + 4 * data.Version;
        var padding = (data.ModuleMatrix.Count - size) / 2;
        var modules = new bool[size, size];
        for (var row = 0; row < size; row++)
            for (var column = 0; column < size; column++)
                modules[row, column] = data.ModuleMatrix[row + padding][column + padding];
        return modules;
    }

    // The three mask bits of the format information beside the top-left finder (§7.9), unmasked.
    private static int Mask(bool[,] modules)
    {
        var bits = (modules[8, 2] ? 4 : 0) | (modules[8, 3] ? 2 : 0) | (modules[8, 4] ? 1 : 0);
        return bits ^ 0b101;
    }

    // 4 pixels a module and the standard's 4-module quiet zone, as a PNG for zbarimg.
    private static string ScanWithZbar(bool[,] modules)
    {
        const int Scale = 4;
        const int QuietZone = 4;
        var size = modules.GetLength(0);
        var pixels = (size + 2 * QuietZone) * Scale;
        using var bitmap = new SKBitmap(pixels, pixels);
        using (var canvas = new SKCanvas(bitmap))
        using (var ink = new SKPaint { Color = SKColors.Black })
        {
            canvas.Clear(SKColors.White);
            for (var row = 0; row < size; row++)
                for (var column = 0; column < size; column++)
                    if (modules[row, column])
                        canvas.DrawRect(SKRect.Create((column + QuietZone) * Scale, (row + QuietZone) * Scale, Scale, Scale), ink);
        }

        var folder = Directory.CreateTempSubdirectory("adal-qr-").FullName;
        try
        {
            var path = Path.Combine(folder, "symbol.png");
            using (var image = SKImage.FromBitmap(bitmap))
            using (var png = image.Encode(SKEncodedImageFormat.Png, 100))
                File.WriteAllBytes(path, png.ToArray());
            return ExternalTool.Run("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path).TrimEnd('\n');
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
