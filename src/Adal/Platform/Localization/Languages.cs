using System.Globalization;
using System.Resources;
using Adal.Resources;

namespace Adal.Platform.Localization;

/// <summary>The three languages of every screen, and the cultures that format dates and numbers for each.</summary>
public static class Languages
{
    public const string Kazakh = "kk";
    public const string Russian = "ru";
    public const string English = "en";
    public const string Default = Kazakh;

    public static readonly IReadOnlyList<string> All = [Kazakh, Russian, English];

    /// <summary>ICU here has kk-KZ and ru-KZ; there is no en-KZ, so English formats as en-GB.</summary>
    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language switch
    {
        Kazakh => "kk-KZ",
        Russian => "ru-KZ",
        _ => "en-GB",
    });

    public static string Normalize(string? language) =>
        language?.Trim().ToLowerInvariant() switch
        {
            "kk" or "kk-kz" or "kz" => Kazakh,
            "ru" or "ru-kz" or "ru-ru" => Russian,
            "en" or "en-gb" or "en-us" => English,
            _ => Default,
        };

    public static bool IsSupported(string? language) => language is Kazakh or Russian or English;

    /// <summary>The current request's language, as the localization middleware set it.</summary>
    public static string Current => Normalize(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    private static readonly ResourceManager Resources =
        new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    /// <summary>A string in a given language, for texts that leave the request (e-mails to another person, PDFs).</summary>
    public static string Text(string key, string language, params object[] args)
    {
        var format = Resources.GetString(key, CultureInfo.GetCultureInfo(Normalize(language))) ?? key;
        return args.Length == 0 ? format : string.Format(Culture(language), format, args);
    }
}
