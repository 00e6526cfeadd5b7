using System.Globalization;
using System.Text.Json.Nodes;
using Adal.Features.Documents;
using Adal.Platform.Tenancy;

namespace Adal.Features.Credentials;

/// <summary>
/// An issued document as a W3C Verifiable Credential (Data Model 2.0). Only the v2 context is used: the
/// AdalDocumentCredential type and the subject's terms fall under its @vocab (issuer-dependent terms), which
/// is enough for ecdsa-jcs-2019, a JSON (not RDF) proof. The subject's facts are those printed on the PDF,
/// plus the PDF's SHA-256 and its ledger entry, so the credential and the paper vouch for each other.
/// </summary>
public static class DocumentCredential
{
    public const string Type = "AdalDocumentCredential";
    public const string ContextV2 = "https://www.w3.org/ns/credentials/v2";

    public static string Id(string number) => $"urn:adal:document:{number}";

    public static JsonObject Unsigned(IssuedDocument document, Tenant tenant, string issuerId)
    {
        var subject = new JsonObject
        {
            ["name"] = document.HolderName,
            ["documentTitle"] = document.Title,
            ["documentNumber"] = document.Number,
            ["sha256"] = document.Sha256,
        };
        if (document.LedgerIndex is { } index) subject["ledgerIndex"] = index;
        subject["service"] = document.ServiceSlug;
        return new JsonObject
        {
            ["@context"] = new JsonArray(ContextV2),
            ["id"] = Id(document.Number),
            ["type"] = new JsonArray("VerifiableCredential", Type),
            ["issuer"] = new JsonObject { ["id"] = issuerId, ["name"] = tenant.Name(document.Language) },
            ["validFrom"] = DateTime.SpecifyKind(document.IssuedAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["credentialSubject"] = subject,
        };
    }
}
