using System.Security.Claims;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Platform.Identity;

public enum SignInFailure { None, WrongCredentials, KnownPassword }

/// <summary>Checks an e-mail and password and builds the principal the cookie or the bearer token carries.</summary>
public sealed class AccountSignIn(AdalDb db, IHostEnvironment environment)
{
    /// <summary>The demo accounts' password. Outside Development no account may sign in with it (or other known ones).</summary>
    public const string DemoPassword = "Adal-demo-2026!";

    private static readonly HashSet<string> KnownPasswords =
        [DemoPassword, "password", "Password1", "123456", "12345678", "qwerty", "admin", "Qwerty123", "P@ssw0rd"];

    public async Task<(ClaimsPrincipal? Principal, SignInFailure Failure)> SignInAsync(string email, string password, string scheme, CancellationToken ct)
    {
        var normalized = email.Trim().ToLowerInvariant();
        // Sign-in comes before any tenant is known: the e-mail names the person, and so the university.
        var user = await db.Users.IgnoreQueryFilters().Include(u => u.Roles)
            .FirstOrDefaultAsync(u => u.Email == normalized && u.IsActive, ct);
        if (!await PasswordChecks.VerifyAsync(user?.PasswordHash, password, ct) || user is null)
            return (null, SignInFailure.WrongCredentials);
        if (!environment.IsDevelopment() && KnownPasswords.Contains(password))
            return (null, SignInFailure.KnownPassword);
        var tenantId = user.TenantId;
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == tenantId, ct);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.FullName),
            new(ClaimTypes.Email, user.Email),
            new(Actor.TenantClaim, user.TenantId.ToString()),
            new(Actor.TenantSlugClaim, tenant.Slug),
            new(Actor.LanguageClaim, user.PreferredLanguage),
            .. user.Roles.Select(r => new Claim(ClaimTypes.Role, r.Role)),
        ];
        return (new ClaimsPrincipal(new ClaimsIdentity(claims, scheme)), SignInFailure.None);
    }
}
