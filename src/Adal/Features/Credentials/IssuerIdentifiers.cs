using System.Diagnostics.CodeAnalysis;

namespace Adal.Features.Credentials;

/// <summary>
/// A university's identifier as an issuer of credentials: the URL of its controller document
/// (W3C Controlled Identifiers v1.0), {PublicBaseUrl}/.well-known/adal/did/{tenant}. Each signing key is the
/// verification method {controller}#{keyId}, keyId being the same base64url SHA-256 of the SubjectPublicKeyInfo
/// that names the key in the ledger.
/// </summary>
public static class IssuerIdentifiers
{
    public const string PathPrefix = "/.well-known/adal/did/";

    public static string BaseUrl(IConfiguration configuration) => (configuration["Adal:PublicBaseUrl"] ?? "http://127.0.0.1:5000").TrimEnd('/');

    public static string Controller(IConfiguration configuration, string tenantSlug) => BaseUrl(configuration) + PathPrefix + tenantSlug;

    public static string VerificationMethod(string controller, string keyId) => $"{controller}#{keyId}";

    /// <summary>Splits a verification method of this platform's form; the host is not trusted, only the key the id names.</summary>
    public static bool TryParse(string verificationMethod, [NotNullWhen(true)] out string? controller, [NotNullWhen(true)] out string? tenantSlug, [NotNullWhen(true)] out string? keyId)
    {
        controller = tenantSlug = keyId = null;
        var hash = verificationMethod.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0 || !Uri.TryCreate(verificationMethod[..hash], UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")) return false;
        var path = uri.AbsolutePath;
        if (!path.StartsWith(PathPrefix, StringComparison.Ordinal)) return false;
        var slug = path[PathPrefix.Length..];
        var id = verificationMethod[(hash + 1)..];
        if (slug.Length is 0 or > 32 || slug.Contains('/', StringComparison.Ordinal) || id.Length is 0 or > 64) return false;
        controller = verificationMethod[..hash];
        tenantSlug = slug;
        keyId = id;
        return true;
    }
}
