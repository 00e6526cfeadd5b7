using System.Text.Json.Nodes;
using Adal.Features.Documents;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Credentials;

/// <summary>Turns an issued document into a signed credential, on demand: the document stays the record, the credential a portable copy.</summary>
public sealed class CredentialIssuer(AdalDb db, CredentialSigner signer, IConfiguration configuration, TimeProvider clock)
{
    public async Task<JsonObject> IssueAsync(IssuedDocument document, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == document.TenantId, ct);
        var controller = IssuerIdentifiers.Controller(configuration, tenant.Slug);
        var unsigned = DocumentCredential.Unsigned(document, tenant, controller);
        return await signer.AddProofAsync(tenant.Id, tenant.Slug, controller, unsigned, clock.GetUtcNow(), ct);
    }
}
