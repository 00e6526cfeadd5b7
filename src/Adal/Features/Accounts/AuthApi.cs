using Adal.Features.Requests;
using Adal.Platform;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Web;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace Adal.Features.Accounts;

public sealed record LoginBody(string? Email, string? Password);

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", Login).WithTags("Accounts")
            .WithSummary("Exchanges an e-mail and password for a bearer token: {\"accessToken\", \"tokenType\", \"expiresIn\"}")
            .Produces<AccessTokenResponseDoc>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .RequireRateLimiting(RateLimits.SignIn);
        return app;
    }

    private static async Task<IResult> Login(LoginBody body, AccountSignIn signIn, CancellationToken ct)
    {
        var language = Languages.Current;
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.Email) || body.Email.Length > 254) errors.Add("email", Languages.Text("Validation.Required", language));
        if (string.IsNullOrEmpty(body.Password) || body.Password.Length > 200) errors.Add("password", Languages.Text("Validation.Required", language));
        if (errors.Count > 0) return Problems.Invalid(errors, language).ToResult();
        var (principal, failure) = await signIn.SignInAsync(body.Email!, body.Password!, BearerTokenDefaults.AuthenticationScheme, ct);
        return failure switch
        {
            SignInFailure.None => TypedResults.SignIn(principal!, authenticationScheme: BearerTokenDefaults.AuthenticationScheme),
            SignInFailure.KnownPassword => new Failure(403, "Problem.KnownPassword", Languages.Text("Problem.KnownPassword", language)).ToResult(),
            _ => new Failure(401, "Problem.WrongCredentials", Languages.Text("Problem.WrongCredentials", language)).ToResult(),
        };
    }

    /// <summary>The shape the bearer-token handler writes, for the OpenAPI document.</summary>
    public sealed record AccessTokenResponseDoc(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}
