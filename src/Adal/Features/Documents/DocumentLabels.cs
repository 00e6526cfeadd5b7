using System.Globalization;

namespace Adal.Features.Documents;

/// <summary>The fixed words printed on a document, in its language, and the way its issue date is written.</summary>
internal sealed record DocumentLabels(
    CultureInfo Culture,
    string IssueDatePattern,
    string Holder,
    string Number,
    string IssuedOn,
    string Verify,
    string LedgerEntry,
    string PageOf)
{
    // ICU on the target machines has kk-KZ and ru-KZ (month names in the right case); there is no en-KZ.
    private static readonly DocumentLabels Kazakh = new(
        CultureInfo.GetCultureInfo("kk-KZ"), "yyyy 'ж'. d MMMM, HH:mm",
        Holder: "Құжат иесі", Number: "Құжат №", IssuedOn: "Берілген күні",
        Verify: "Түпнұсқалығын тексеру", LedgerEntry: "Тізілімдегі жазба № {0}", PageOf: "Бет {0} / {1}");

    private static readonly DocumentLabels Russian = new(
        CultureInfo.GetCultureInfo("ru-KZ"), "d MMMM yyyy 'г.', HH:mm",
        Holder: "Владелец документа", Number: "Документ №", IssuedOn: "Дата выдачи",
        Verify: "Проверить подлинность", LedgerEntry: "Запись в реестре № {0}", PageOf: "Страница {0} из {1}");

    private static readonly DocumentLabels English = new(
        CultureInfo.GetCultureInfo("en-GB"), "d MMMM yyyy, HH:mm",
        Holder: "Issued to", Number: "Document No.", IssuedOn: "Date of issue",
        Verify: "Verify authenticity", LedgerEntry: "Ledger entry No. {0}", PageOf: "Page {0} of {1}");

    public static DocumentLabels For(string language) => language switch
    {
        "kk" => Kazakh,
        "ru" => Russian,
        "en" => English,
        _ => throw new ArgumentException($"No document labels for language '{language}' (expected kk, ru or en).", nameof(language)),
    };

    /// <summary>The issue date in Almaty time with its offset, so a reader abroad knows which day it was.</summary>
    public string IssueDate(DateTime issuedUtc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(issuedUtc, Almaty);
        var offset = Almaty.GetUtcOffset(issuedUtc);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{local.ToString(IssueDatePattern, Culture)} (UTC{sign}{offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture)})";
    }

    public string Ledger(long index) => string.Format(Culture, LedgerEntry, index.ToString(CultureInfo.InvariantCulture));

    public string Page(int page, int pages) => string.Format(Culture, PageOf, page, pages);

    // Kazakhstan has been on one zone, UTC+5, since 1 March 2024. A machine without tz data still prints the right
    // time; one with tz data older than 2024a would print UTC+6, which the offset in brackets at least makes visible.
    private static readonly TimeZoneInfo Almaty =
        TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Almaty", out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("Asia/Almaty", TimeSpan.FromHours(5), "Asia/Almaty", "Asia/Almaty");
}
