using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Adal.Browser.Tests;

/// <summary>Someone at the site on their own phone: their own browser profile, cookies and page.</summary>
public sealed class Visitor : IAsyncDisposable
{
    public const string DemoPassword = "Adal-demo-2026!";

    private Visitor(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Opens the home page and chooses Kazakh with the header's «Қаз» link, as a person would.</summary>
    public static async Task<Visitor> ArriveInKazakhAsync(AdalSite site)
    {
        var context = await site.NewPhoneAsync();
        var page = await context.NewPageAsync();
        var visitor = new Visitor(context, page);
        await page.GotoAsync("/");
        await page.Locator("header nav.langs").GetByRole(AriaRole.Link, new() { Name = "Қаз", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "kk");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Қызметтер");
        return visitor;
    }

    /// <summary>Signs in with the demo password at /account/login and lands back on the home page.</summary>
    public async Task SignInAsync(string email)
    {
        await Page.GotoAsync("/account/login");
        await Page.FillAsync("input[name=email]", email);
        await Page.FillAsync("input[name=password]", DemoPassword);
        await Page.Locator("main form button[type=submit]").ClickAsync();
        // Signed in: the header names the person and offers to sign out.
        await Expect(Page.Locator("header form.signout")).ToBeVisibleAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "kk");
    }

    public static async Task<Visitor> SignedInAsync(AdalSite site, string email)
    {
        var visitor = await ArriveInKazakhAsync(site);
        await visitor.SignInAsync(email);
        return visitor;
    }

    public ValueTask DisposeAsync() => new(Context.CloseAsync());
}
