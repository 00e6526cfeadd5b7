using System.Security.Claims;

namespace Adal.Platform.Identity;

/// <summary>The signed-in person acting on the platform, read from their claims.</summary>
public sealed record Actor(Guid UserId, Guid TenantId, string Name, IReadOnlySet<string> Roles, string Language)
{
    public const string TenantClaim = "adal:tenant";
    public const string TenantSlugClaim = "adal:tenant-slug";
    public const string LanguageClaim = "adal:lang";

    public bool Has(string role) => Roles.Contains(role);

    public bool IsStaff => Roles.Overlaps(Role.Staff);

    public static Actor? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return null;
        if (!Guid.TryParse(principal.FindFirstValue(TenantClaim), out var tenant)) return null;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        return new Actor(id, tenant, principal.FindFirstValue(ClaimTypes.Name) ?? "", roles, principal.FindFirstValue(LanguageClaim) ?? "kk");
    }
}
