using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Adal.Features.Accounts;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginModel(AccountSignIn signIn) : PageModel
{
    public string? Problem { get; private set; }
    public string? Email { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = SafeReturn(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = SafeReturn(returnUrl);
        Email = email;
        var language = Languages.Current;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || email.Length > 254 || password.Length > 200)
        {
            Problem = Languages.Text("Problem.WrongCredentials", language);
            Response.StatusCode = 400;
            return Page();
        }
        var (principal, failure) = await signIn.SignInAsync(email, password, CookieAuthenticationDefaults.AuthenticationScheme, ct);
        if (principal is null)
        {
            Problem = Languages.Text(failure == SignInFailure.KnownPassword ? "Problem.KnownPassword" : "Problem.WrongCredentials", language);
            Response.StatusCode = 401;
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return LocalRedirect(ReturnUrl);
    }

    private string SafeReturn(string? returnUrl) => returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
