using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Adal.Features.Verification;
using Adal.Tests.Infrastructure;

namespace Adal.Tests.Verification;

/// <summary>
/// The employer's side: a PDF and its proof bundle, checked with `adal verify` and no connection to Adal —
/// against the university's public key downloaded once, or, less strongly, the key inside the bundle.
/// Run on SQLite and on PostgreSQL with the same assertions.
/// </summary>
public abstract class OfflineProofTests<TApp>(TApp app) : IDisposable where TApp : AdalApp
{
    private readonly VerifyFolder _files = new();

    [Fact]
    public async Task Student_sends_a_certificate_and_its_proof_and_the_employer_verifies_them_offline()
    {
        var certificate = await Certificates.IssueAsync(app);
        var proof = await Certificates.ProofAsync(app, certificate.Number);
        var bundle = JsonNode.Parse(proof)!;
        Assert.Equal("adal-proof-v1", bundle["format"]!.GetValue<string>());
        Assert.Equal(certificate.Number, bundle["documentNumber"]!.GetValue<string>());
        Assert.Equal("demo", bundle["tenant"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(certificate.Pdf)), bundle["sha256"]!.GetValue<string>());
        Assert.Contains(bundle["treeHead"]!["keyId"]!.GetValue<string>(), bundle["publicKeys"]!.AsObject().Select(k => k.Key));

        // The employer fetched the university's key once, from the university's own site.
        var keys = (await (await app.CreateClient().GetAsync("/.well-known/adal/keys")).ReadJsonAsync()).AsObject();
        var pem = keys.Select(k => k.Value!).Single(k => k["tenant"]!.GetValue<string>() == "demo")["publicKeyPem"]!.GetValue<string>();

        var (code, output, errors) = Verify(Save("certificate.pdf", certificate.Pdf), "--proof", Save("certificate.proof.json", proof), "--key", Save("demo.pem", pem));
        Assert.True(code == VerifyCommand.Genuine, output + errors);
        Assert.StartsWith("GENUINE", output);
        Assert.Contains(certificate.Number, output);
        Assert.Contains("Issued at     2026-11-23", output);
        Assert.Contains("certificate-of-study", output);
        Assert.Contains("demo.pem (--key)", output);
        Assert.Contains($"/verify/{certificate.Number}", output);

        (code, output, _) = Verify(Save("certificate.pdf", certificate.Pdf), "--proof", Save("certificate.proof.json", proof));
        Assert.Equal(VerifyCommand.Genuine, code);
        Assert.Contains("TAKEN FROM THE PROOF BUNDLE ITSELF", output);
    }

    [Fact]
    public async Task One_changed_byte_in_the_PDF_and_it_is_not_genuine()
    {
        var certificate = await Certificates.IssueAsync(app);
        var proof = await Certificates.ProofAsync(app, certificate.Number);
        var altered = certificate.Pdf.ToArray();
        altered[altered.Length / 2] ^= 0x01;

        var (code, output, _) = Verify(Save("altered.pdf", altered), "--proof", Save("proof.json", proof));
        Assert.Equal(VerifyCommand.NotGenuine, code);
        Assert.StartsWith("NOT GENUINE: the file was changed", output);
        Assert.Equal(OfflineProblem.FileChanged, OfflineVerifier.Check(altered, proof, null).Problem);
        Assert.Equal(OfflineProblem.FileChanged, OfflineVerifier.Check(certificate.Pdf[..^1], proof, null).Problem);
    }

    [Fact]
    public async Task A_bundle_tampered_with_anywhere_is_not_genuine()
    {
        var certificate = await Certificates.IssueAsync(app);
        var other = await Certificates.IssueAsync(app);
        var proof = await Certificates.ProofAsync(app, certificate.Number);
        var otherProof = await Certificates.ProofAsync(app, other.Number);
        Assert.True(OfflineVerifier.Check(certificate.Pdf, proof, null).Genuine);

        var path = Edit(proof, b => b["auditPath"]![0] = Flip(b["auditPath"]![0]!.GetValue<string>()));
        Assert.Equal(OfflineProblem.LeafNotInTree, OfflineVerifier.Check(certificate.Pdf, path, null).Problem);
        var shortPath = Edit(proof, b => b["auditPath"]!.AsArray().RemoveAt(0));
        Assert.Equal(OfflineProblem.LeafNotInTree, OfflineVerifier.Check(certificate.Pdf, shortPath, null).Problem);
        var index = Edit(proof, b => b["leafIndex"] = b["leafIndex"]!.GetValue<long>() + 1);
        Assert.Equal(OfflineProblem.LeafNotInTree, OfflineVerifier.Check(certificate.Pdf, index, null).Problem);

        // The other document's leaf, with its PDF: a genuine leaf, but not at this place in this tree.
        var wrongLeaf = Edit(proof, b =>
        {
            var theirs = JsonNode.Parse(otherProof)!;
            b["leaf"] = theirs["leaf"]!.GetValue<string>();
            b["documentNumber"] = theirs["documentNumber"]!.GetValue<string>();
            b["sha256"] = theirs["sha256"]!.GetValue<string>();
        });
        Assert.Equal(OfflineProblem.LeafNotInTree, OfflineVerifier.Check(other.Pdf, wrongLeaf, null).Problem);
        // A leaf rewritten to describe a forged PDF is no longer the leaf the tree holds.
        var forged = certificate.Pdf.ToArray();
        forged[100] ^= 0x20;
        var rewritten = Edit(proof, b => b["leaf"] = RewriteHash(b["leaf"]!.GetValue<string>(), SHA256.HashData(forged)));
        Assert.Equal(OfflineProblem.LeafNotInTree, OfflineVerifier.Check(forged, Edit(rewritten, b => b["sha256"] = Convert.ToHexStringLower(SHA256.HashData(forged))), null).Problem);

        var signature = Edit(proof, b => b["treeHead"]!["signature"] = Flip(b["treeHead"]!["signature"]!.GetValue<string>()));
        Assert.Equal(OfflineProblem.BadSignature, OfflineVerifier.Check(certificate.Pdf, signature, null).Problem);
        var root = Edit(proof, b => b["treeHead"]!["rootHash"] = Flip(b["treeHead"]!["rootHash"]!.GetValue<string>()));
        Assert.Equal(OfflineProblem.BadSignature, OfflineVerifier.Check(certificate.Pdf, root, null).Problem);
        var size = Edit(proof, b => b["treeHead"]!["treeSize"] = b["treeHead"]!["treeSize"]!.GetValue<long>() + 1);
        Assert.Equal(OfflineProblem.BadSignature, OfflineVerifier.Check(certificate.Pdf, size, null).Problem);
        var log = Edit(proof, b => { b["tenant"] = "kaznu"; b["logId"] = "adal/kaznu"; });
        Assert.Equal(OfflineProblem.BadSignature, OfflineVerifier.Check(certificate.Pdf, log, null).Problem);
        var sha = Edit(proof, b => b["sha256"] = new string('0', 64));
        Assert.Equal(OfflineProblem.Malformed, OfflineVerifier.Check(certificate.Pdf, sha, null).Problem);

        // A bundle re-signed by someone else verifies only with their key: with the university's key it is refused.
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (code, output, _) = Verify(Save("certificate.pdf", certificate.Pdf), "--proof", Save("proof.json", proof), "--key", Save("forger.pem", forger.ExportSubjectPublicKeyInfoPem()));
        Assert.Equal(VerifyCommand.NotGenuine, code);
        Assert.StartsWith("NOT GENUINE: the proof is not signed with a key you trust", output);
        Assert.Equal(OfflineProblem.UnknownKey, OfflineVerifier.Check(certificate.Pdf, Edit(proof, b => b["publicKeys"] = new JsonObject()), null).Problem);

        (code, output, _) = Verify(Save("certificate.pdf", certificate.Pdf), "--proof", Save("proof.json", signature));
        Assert.Equal(VerifyCommand.NotGenuine, code);
        Assert.StartsWith("NOT GENUINE: the ledger's signature is not valid", output);
    }

    [Fact]
    public async Task Bundles_with_wrong_base64_or_types_are_malformed_too()
    {
        var certificate = await Certificates.IssueAsync(app);
        var proof = await Certificates.ProofAsync(app, certificate.Number);
        string[] broken =
        [
            Edit(proof, b => b["leaf"] = "%%%not base64%%%"),
            Edit(proof, b => b["leaf"] = 42),
            Edit(proof, b => b["auditPath"]![0] = "AAAA"),
            Edit(proof, b => b["auditPath"] = "AAAA"),
            Edit(proof, b => b["treeHead"]!["rootHash"] = "c2hvcnQ="),
            Edit(proof, b => b["treeHead"]!["signature"] = "***"),
            Edit(proof, b => b["treeHead"]!["timestamp"] = "yesterday"),
            Edit(proof, b => b["treeHead"]!["timestamp"] = long.MaxValue),
            Edit(proof, b => b["treeHead"] = null),
            Edit(proof, b => b["leafIndex"] = -1),
            Edit(proof, b => b["leafIndex"] = 1.5),
            Edit(proof, b => b["sha256"] = "abc"),
            Edit(proof, b => b["publicKeys"]!.AsObject().First().Value!.ReplaceWith("!!")),
            Edit(proof, b => b["publicKeys"]!.AsObject().First().Value!.ReplaceWith(Convert.ToBase64String("not a key"u8))),
            proof[..(proof.Length / 2)],
        ];
        foreach (var bundle in broken)
        {
            var verdict = OfflineVerifier.Check(certificate.Pdf, bundle, null);
            Assert.True(verdict.Problem == OfflineProblem.Malformed, $"{verdict.Problem}: {verdict.Reason}\n{bundle}");
        }
        // Garbage as the leaf itself: in no tree, and not an entry either.
        Assert.Equal(OfflineProblem.LeafNotInTree, OfflineVerifier.Check(certificate.Pdf, Edit(proof, b => b["leaf"] = "AAEC"), null).Problem);
    }

    [Fact]
    public async Task Unknown_numbers_get_404_and_a_document_just_issued_gets_a_head_that_covers_it()
    {
        var anonymous = app.CreateClient();
        var unknown = await anonymous.GetAsync("/api/verify/DEMO-2026-NOSUCHXX/proof");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);

        var first = await Certificates.IssueAsync(app);
        await Certificates.ProofAsync(app, first.Number);
        // Issued in the same second as the last head: a new head is signed at once rather than making the client wait.
        var second = await Certificates.IssueAsync(app);
        var proof = await Certificates.ProofAsync(app, second.Number);
        Assert.True(OfflineVerifier.Check(second.Pdf, proof, null).Genuine);
    }

    [Fact]
    public async Task The_adal_executable_runs_the_check_as_a_sub_command()
    {
        var certificate = await Certificates.IssueAsync(app);
        var proof = Save("c.proof.json", await Certificates.ProofAsync(app, certificate.Number));
        var pdf = Save("c.pdf", certificate.Pdf);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "adal.dll"), "verify", pdf, "--proof", proof })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, output + errors);
        Assert.StartsWith("GENUINE", output);

        certificate.Pdf[^10] ^= 0x01;
        start.ArgumentList[2] = Save("c.pdf", certificate.Pdf);
        using var altered = Process.Start(start)!;
        var alteredOutput = await altered.StandardOutput.ReadToEndAsync();
        await altered.WaitForExitAsync();
        Assert.Equal(1, altered.ExitCode);
        Assert.StartsWith("NOT GENUINE", alteredOutput);
    }

    private static (int Code, string Output, string Errors) Verify(params string[] args) => VerifyFolder.Verify(args);

    private string Save(string name, string text) => _files.Save(name, text);

    private string Save(string name, byte[] bytes) => _files.Save(name, bytes);

    private static string Edit(string json, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(json)!;
        change(node);
        return node.ToJsonString();
    }

    /// <summary>The same base64 with one bit of its first byte flipped.</summary>
    private static string Flip(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[0] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }

    /// <summary>The leaf with its recorded SHA-256 replaced: what a forger who edited the PDF would need.</summary>
    private static string RewriteHash(string leafBase64, byte[] hash)
    {
        Assert.True(Adal.Ledger.LedgerEntry.TryDecode(Convert.FromBase64String(leafBase64), out var entry, out _));
        var fields = entry.Fields.Select(f => f.Name == "sha256" ? Adal.Ledger.LedgerField.Bytes("sha256", hash) : f);
        return Convert.ToBase64String(new Adal.Ledger.LedgerEntry(entry.EventType, entry.Timestamp, fields).Encode());
    }

    public void Dispose() => _files.Dispose();
}

public sealed class OfflineProofOnSqlite(AdalApp app) : OfflineProofTests<AdalApp>(app), IClassFixture<AdalApp>;

public sealed class OfflineProofOnPostgres(PostgresApp app) : OfflineProofTests<PostgresApp>(app), IClassFixture<PostgresApp>;
