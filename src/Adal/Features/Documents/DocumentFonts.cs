using SkiaSharp;

namespace Adal.Features.Documents;

/// <summary>
/// DejaVu Sans, shipped in Assets/Fonts: it covers Kazakh Cyrillic (ә ғ қ ң ө ұ ү һ і) and "№", and shipping it
/// means a fresh server without /usr/share/fonts prints the same document. Loaded once; typefaces are immutable.
/// </summary>
internal static class DocumentFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    private static SKTypeface Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Assets", "Fonts", file);
        return SKTypeface.FromFile(path)
            ?? throw new InvalidOperationException($"The document font {path} is missing or unreadable; it ships with the build output (Assets/**).");
    }
}
