using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Adal.Platform.Identity;

public static class AuthSetup
{
    public const string SiteOrApi = "site-or-api";
    public const string ApiPolicy = "api";

    /// <summary>
    /// Cookies for the site, bearer tokens for the API. The API accepts only bearer tokens, so a page in another
    /// tab can never ride on the site's cookie to call it (no CSRF on the API); the site's forms carry anti-forgery tokens.
    /// </summary>
    public static IServiceCollection AddAdalAuth(this IServiceCollection services)
    {
        services.AddAuthentication(SiteOrApi)
            .AddPolicyScheme(SiteOrApi, SiteOrApi, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Cookie.Name = "adal.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            })
            .AddBearerToken(o => o.BearerTokenExpiration = TimeSpan.FromHours(8));
        // After the framework has set the formats up: each token and cookie is read in full once, not per request.
        services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme)
            .PostConfigure<TimeProvider>((o, time) => o.BearerTokenProtector = new RecentTickets(o.BearerTokenProtector, time));
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .PostConfigure<TimeProvider>((o, time) => o.TicketDataFormat = new RecentTickets(o.TicketDataFormat, time));
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(BearerTokenDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        services.AddScoped<AccountSignIn>();
        return services;
    }
}
