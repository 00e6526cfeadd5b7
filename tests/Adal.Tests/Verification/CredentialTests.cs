using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Adal.Features.Credentials;
using Adal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Adal.Tests.Verification;

/// <summary>The document as a W3C Verifiable Credential: exported by its holder, checked by anyone, refused once changed. SQLite and PostgreSQL.</summary>
public abstract class CredentialTests<TApp>(TApp app) where TApp : AdalApp
{
    private const string Issuer = "http://127.0.0.1:5000/.well-known/adal/did/demo";

    [Fact]
    public async Task Student_exports_a_verifiable_credential_that_anyone_can_verify()
    {
        var certificate = await Certificates.IssueAsync(app);
        var response = await certificate.Student.GetAsync($"/api/documents/{certificate.Number}/credential");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vc", response.Content.Headers.ContentType!.MediaType);
        var credential = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(["https://www.w3.org/ns/credentials/v2"], credential["@context"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(["VerifiableCredential", "AdalDocumentCredential"], credential["type"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal($"urn:adal:document:{certificate.Number}", credential["id"]!.GetValue<string>());
        Assert.Equal(Issuer, credential["issuer"]!["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(credential["issuer"]!["name"]!.GetValue<string>()));
        Assert.Matches(@"^2026-11-23T05:00:\d\dZ$", credential["validFrom"]!.GetValue<string>());
        var subject = credential["credentialSubject"]!;
        Assert.Equal("Нұрланова Әйгерім Серікқызы", subject["name"]!.GetValue<string>());
        Assert.Equal(certificate.Number, subject["documentNumber"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(certificate.Pdf)), subject["sha256"]!.GetValue<string>());
        Assert.Equal("certificate-of-study", subject["service"]!.GetValue<string>());
        Assert.True(subject["ledgerIndex"]!.GetValue<long>() >= 0);
        var proof = credential["proof"]!;
        Assert.Equal("DataIntegrityProof", proof["type"]!.GetValue<string>());
        Assert.Equal("ecdsa-jcs-2019", proof["cryptosuite"]!.GetValue<string>());
        Assert.Equal("assertionMethod", proof["proofPurpose"]!.GetValue<string>());
        Assert.StartsWith(Issuer + "#", proof["verificationMethod"]!.GetValue<string>());
        Assert.StartsWith("z", proof["proofValue"]!.GetValue<string>());

        // An outside verifier: resolve the verification method through the controller document, check the proof itself.
        var controller = (await (await app.CreateClient().GetAsync("/.well-known/adal/did/demo")).ReadJsonAsync()).AsObject();
        Assert.Equal(Issuer, controller["id"]!.GetValue<string>());
        var method = controller["verificationMethod"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == proof["verificationMethod"]!.GetValue<string>())!;
        Assert.Equal("Multikey", method["type"]!.GetValue<string>());
        Assert.Equal(Issuer, method["controller"]!.GetValue<string>());
        Assert.Contains(method["id"]!.GetValue<string>(), controller["assertionMethod"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.StartsWith("zDn", method["publicKeyMultibase"]!.GetValue<string>());
        Assert.True(Multikey.TryDecodeP256(method["publicKeyMultibase"]!.GetValue<string>(), out var key, out _));
        using (key) Assert.True(EcdsaJcs2019.Verify(credential, _ => key).Verified);

        var verdict = await VerifyAsync(credential);
        Assert.True(verdict["valid"]!.GetValue<bool>(), verdict.ToJsonString());
        Assert.Equal(certificate.Number, verdict["documentNumber"]!.GetValue<string>());
        Assert.Equal(Issuer, verdict["issuer"]!.GetValue<string>());
        Assert.False(verdict["revoked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_changed_credential_fails_with_the_reason()
    {
        var certificate = await Certificates.IssueAsync(app);
        var credential = await ExportAsync(certificate);

        var renamed = Edit(credential, c => c["credentialSubject"]!["name"] = "Иванов Иван Иванович");
        var verdict = await VerifyAsync(renamed, "ru");
        Assert.False(verdict["valid"]!.GetValue<bool>());
        Assert.Equal("Credential.BadSignature", verdict["code"]!.GetValue<string>());
        Assert.StartsWith("Подпись не совпадает", verdict["problem"]!.GetValue<string>());
        Assert.Equal("Credential.BadSignature", (await VerifyAsync(Edit(credential, c => c["credentialSubject"]!["ledgerIndex"] = 0)))["code"]!.GetValue<string>());
        Assert.Equal("Credential.BadSignature", (await VerifyAsync(Edit(credential, c => c["validFrom"] = "2020-01-01T00:00:00Z")))["code"]!.GetValue<string>());
        Assert.Equal("Credential.BadSignature", (await VerifyAsync(Edit(credential, c => c["proof"]!["created"] = "2020-01-01T00:00:00Z")))["code"]!.GetValue<string>());

        var foreignKey = Edit(credential, c => c["proof"]!["verificationMethod"] = Issuer + "#" + new string('A', 43));
        Assert.Equal("Credential.UnknownKey", (await VerifyAsync(foreignKey))["code"]!.GetValue<string>());
        var didKey = Edit(credential, c => c["proof"]!["verificationMethod"] = "did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP#zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP");
        Assert.Equal("Credential.UnknownKey", (await VerifyAsync(didKey))["code"]!.GetValue<string>());
        var otherIssuer = Edit(credential, c => c["issuer"]!["id"] = "https://diploma-mill.example/issuer");
        Assert.Equal("Credential.BadSignature", (await VerifyAsync(otherIssuer))["code"]!.GetValue<string>());
        var unproven = Edit(credential, c => c.AsObject().Remove("proof"));
        var malformed = await VerifyAsync(unproven, "kk");
        Assert.Equal("Credential.Malformed", malformed["code"]!.GetValue<string>());
        Assert.Contains("куәлік", malformed["problem"]!.GetValue<string>());
        Assert.Equal("Credential.Malformed", (await VerifyAsync(Edit(credential, c => c["proof"]!["proofValue"] = "z111")))["code"]!.GetValue<string>());
        Assert.Equal("Credential.Malformed", (await VerifyAsync(Edit(credential, c => c["proof"]!["cryptosuite"] = "eddsa-jcs-2022")))["code"]!.GetValue<string>());

        var anonymous = app.CreateClient();
        foreach (var body in new[] { "", "not json", "[1,2]", "{\"a\":1,\"a\":2}" })
        {
            var response = await anonymous.PostAsync("/api/verify/credential", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task Only_the_holder_and_case_staff_may_export_and_a_revoked_document_is_no_longer_valid()
    {
        var certificate = await Certificates.IssueAsync(app);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/documents/{certificate.Number}/credential")).StatusCode);
        var applicant = await app.SignedInAsync("applicant@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/api/documents/{certificate.Number}/credential")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await certificate.Student.GetAsync("/api/documents/DEMO-2026-NOSUCHXX/credential")).StatusCode);
        var json = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{certificate.Number}/credential");
        json.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Assert.Equal("application/json", (await certificate.Student.SendAsync(json)).Content.Headers.ContentType!.MediaType);

        var credential = await ExportAsync(certificate);
        await app.InDemoAsync(async (_, db) =>
            await db.Documents.Where(d => d.Number == certificate.Number).ExecuteUpdateAsync(u => u.SetProperty(d => d.RevokedAt, AdalApp.Start.UtcDateTime.AddDays(1))));

        var verdict = await VerifyAsync(credential);
        Assert.False(verdict["valid"]!.GetValue<bool>());
        Assert.True(verdict["revoked"]!.GetValue<bool>());
        Assert.Equal("Credential.Revoked", verdict["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await certificate.Student.GetAsync($"/api/documents/{certificate.Number}/credential")).StatusCode);
    }

    [Fact]
    public async Task The_controller_document_lists_every_key_and_unknown_universities_are_not_found()
    {
        await Certificates.IssueAsync(app);
        await ExportAsync(await Certificates.IssueAsync(app));
        var controller = await (await app.CreateClient().GetAsync("/.well-known/adal/did/demo")).ReadJsonAsync();
        Assert.Equal("https://www.w3.org/ns/cid/v1", controller["@context"]!.GetValue<string>());
        var keys = (await (await app.CreateClient().GetAsync("/.well-known/adal/keys")).ReadJsonAsync()).AsObject()
            .Where(k => k.Value!["tenant"]!.GetValue<string>() == "demo").Select(k => Issuer + "#" + k.Key).Order();
        Assert.Equal(keys, controller["verificationMethod"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/.well-known/adal/did/nosuch")).StatusCode);
    }

    private async Task<JsonObject> ExportAsync(IssuedCertificate certificate)
    {
        var response = await certificate.Student.GetAsync($"/api/documents/{certificate.Number}/credential");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<JsonNode> VerifyAsync(JsonObject credential, string language = "en")
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var response = await client.PostAsync("/api/verify/credential", new StringContent(credential.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static JsonObject Edit(JsonObject credential, Action<JsonNode> change)
    {
        var copy = credential.DeepClone();
        change(copy);
        return copy.AsObject();
    }
}

public sealed class CredentialsOnSqlite(AdalApp app) : CredentialTests<AdalApp>(app), IClassFixture<AdalApp>;

public sealed class CredentialsOnPostgres(PostgresApp app) : CredentialTests<PostgresApp>(app), IClassFixture<PostgresApp>;
