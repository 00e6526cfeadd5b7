using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Adal.Browser.Tests;

/// <summary>The language chosen in the header stays chosen on every later page, over the browser's own language.</summary>
[Collection(AdalInChromium.Name)]
public sealed class LanguageChoice(AdalSite site)
{
    [Fact]
    public async Task Catalogue_renders_in_Russian_and_English_and_the_choice_is_remembered_across_pages()
    {
        // The phone's browser asks for Kazakh (kk-KZ); the visitor picks another language in the header.
        await using var visitor = await Visitor.ArriveInKazakhAsync(site);
        var page = visitor.Page;

        await page.Locator("header nav.langs a[href^='/lang/ru']").ClickAsync();
        await ExpectLanguageAsync(page, "ru", "Услуги", "Предоставление академического отпуска");
        await Expect(page.Locator("header nav.langs a[lang=ru]")).ToHaveAttributeAsync("aria-current", "true");
        // The whole catalogue is some hundred screens long: the first screen shows the language.
        await site.Screenshots.TakeAsync(page, "20-catalogue-ru", fullPage: false);
        await ExpectRememberedAsync(page, "ru", "Предоставление академического отпуска", "Проверка документа");

        await page.Locator("header nav.langs a[href^='/lang/en']").ClickAsync();
        await ExpectLanguageAsync(page, "en", "Services", "Academic leave (interruption of studies)");
        await site.Screenshots.TakeAsync(page, "21-catalogue-en", fullPage: false);
        await ExpectRememberedAsync(page, "en", "Academic leave (interruption of studies)", "Verify a document");

        var cookies = await visitor.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == ".AspNetCore.Culture" && Uri.UnescapeDataString(c.Value) == "c=en|uic=en");
    }

    private static async Task ExpectLanguageAsync(IPage page, string language, string catalogueTitle, string academicLeave)
    {
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.Locator("h1")).ToHaveTextAsync(catalogueTitle);
        await Expect(page.Locator("ul.cards a[href='/services/academic-leave']")).ToHaveTextAsync(academicLeave);
    }

    /// <summary>Later pages, reached by plain links and addresses without ?lang=, keep the language: the cookie carries it.</summary>
    private static async Task ExpectRememberedAsync(IPage page, string language, string academicLeave, string verifyTitle)
    {
        await page.Locator("ul.cards a[href='/services/academic-leave']").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.Locator("h1")).ToHaveTextAsync(academicLeave);

        await page.GotoAsync("/verify");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.Locator("h1")).ToHaveTextAsync(verifyTitle);

        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
    }
}
