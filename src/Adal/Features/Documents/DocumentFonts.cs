using SkiaSharp;

namespace Adal.Features.Documents;

/// <summary>
/// DejaVu Sans, shipped in Assets/Fonts: it covers Kazakh Cyrillic (ә ғ қ ң ө ұ ү һ і) and "№", and shipping it
/// means a fresh server without /usr/share/fonts prints the same document. Loaded once; typefaces are immutable.
/// </summary>
internal static class DocumentFonts
{
    /// <summary>The font files, embedded in every PDF cut down to the glyphs it draws (PdfFont, TrueTypeSubset).</summary>
    public static string RegularFile { get; } = Path.Combine(AppContext.BaseDirectory, "Assets", "Fonts", "DejaVuSans.ttf");

    public static string BoldFile { get; } = Path.Combine(AppContext.BaseDirectory, "Assets", "Fonts", "DejaVuSans-Bold.ttf");

    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load(RegularFile));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load(BoldFile));

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    private static SKTypeface Load(string path)
    {
        return SKTypeface.FromFile(path)
            ?? throw new InvalidOperationException($"The document font {path} is missing or unreadable; it ships with the build output (Assets/**).");
    }
}
