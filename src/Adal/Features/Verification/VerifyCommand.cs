using System.Globalization;
using System.Security.Cryptography;

namespace Adal.Features.Verification;

/// <summary>
/// `adal verify FILE.pdf --proof PROOF.json [--key KEY.pem]`: what an employer runs on a PDF and the proof bundle
/// the graduate sent, fully offline. The key should be the university's public key fetched once from
/// /.well-known/adal/keys — the trust anchor. Without it the bundle's own key is used, which only shows that
/// the bundle is consistent, not who made it. Exit codes: 0 genuine, 1 not genuine, 2 usage error.
/// </summary>
public static class VerifyCommand
{
    public const int Genuine = 0;
    public const int NotGenuine = 1;
    public const int UsageError = 2;

    private const string Usage = "usage: adal verify FILE.pdf --proof PROOF.json [--key KEY.pem]";
    private const long MaxFileBytes = 100L * 1024 * 1024;
    private const long MaxProofBytes = 4L * 1024 * 1024;
    private const long MaxKeyBytes = 256L * 1024;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? file = null, proof = null, key = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    output.WriteLine(Usage);
                    output.WriteLine("Checks offline that FILE is the document a university issued through Adal. Exit code 0 genuine, 1 not genuine, 2 usage error.");
                    return Genuine;
                case "--proof" or "--key" when i + 1 >= args.Length:
                    return Fail(error, $"{args[i]} needs a file name.");
                case "--proof":
                    proof = args[++i];
                    break;
                case "--key":
                    key = args[++i];
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    return Fail(error, $"unknown option {option}.");
                case var name when file is null:
                    file = name;
                    break;
                default:
                    return Fail(error, $"one file at a time; '{args[i]}' is extra.");
            }
        }
        if (file is null) return Fail(error, "which file? Give the PDF to check.");
        if (proof is null) return Fail(error, "--proof PROOF.json is required: download it from /api/verify/<number>/proof.");

        if (Read(file, MaxFileBytes, error) is not { } pdf) return UsageError;
        if (Read(proof, MaxProofBytes, error) is not { } bundleBytes) return UsageError;
        List<byte[]>? trusted = null;
        if (key is not null)
        {
            if (Read(key, MaxKeyBytes, error) is not { } pem) return UsageError;
            if (!TryReadPublicKeys(System.Text.Encoding.UTF8.GetString(pem), out trusted, out var keyProblem))
                return Fail(error, $"{key}: {keyProblem}");
        }

        var verdict = OfflineVerifier.Check(pdf, System.Text.Encoding.UTF8.GetString(bundleBytes), trusted);
        if (!verdict.Genuine)
        {
            output.WriteLine($"NOT GENUINE: {Headline(verdict.Problem)}");
            output.WriteLine($"  {verdict.Reason}");
            return NotGenuine;
        }
        Print(verdict.Document!, file, key, output);
        return Genuine;
    }

    /// <summary>Every PUBLIC KEY block of a PEM file, as SubjectPublicKeyInfo; a private key is refused — it must never leave the university.</summary>
    public static bool TryReadPublicKeys(string pem, out List<byte[]> keys, out string problem)
    {
        keys = [];
        problem = "";
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label];
            if (!label.SequenceEqual("PUBLIC KEY"))
            {
                problem = label.Contains("PRIVATE", StringComparison.Ordinal)
                    ? "this is a private key. Use the university's public key from /.well-known/adal/keys (publicKeyPem)."
                    : $"a '{label}' block is not a public key.";
                return false;
            }
            var der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written))
            {
                problem = "a PUBLIC KEY block is not base64.";
                return false;
            }
            keys.Add(der[..written]);
            rest = rest[fields.Location.End..];
        }
        if (keys.Count == 0) problem = "no PUBLIC KEY found. Save the publicKeyPem of the university's key from /.well-known/adal/keys.";
        return keys.Count > 0;
    }

    private static void Print(VerifiedDocument d, string file, string? key, TextWriter output)
    {
        static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        output.WriteLine("GENUINE: this file is the document the university issued and recorded in its ledger.");
        output.WriteLine($"  Document      {d.Number}");
        output.WriteLine($"  Issued at     {Utc(d.IssuedAt)}");
        output.WriteLine($"  Issued by     university '{d.Tenant}' (log {d.LogId})");
        if (d.Service is not null) output.WriteLine($"  Service       {d.Service}");
        output.WriteLine($"  File          {Path.GetFileName(file)}, SHA-256 {d.Sha256}");
        output.WriteLine($"  Ledger entry  No. {d.LeafIndex}, included in the tree of {d.TreeSize} entries");
        output.WriteLine($"  Tree head     signed {Utc(d.TreeHeadSignedAt)} with key {d.KeyId}");
        if (d.KeyFromBundle)
        {
            output.WriteLine("  Trusted key   TAKEN FROM THE PROOF BUNDLE ITSELF. This shows the bundle is consistent, not who made it:");
            output.WriteLine("                check again with --key and the university's public key from /.well-known/adal/keys.");
        }
        else
        {
            output.WriteLine($"  Trusted key   {Path.GetFileName(key)} (--key)");
        }
        output.WriteLine("  Revocation    not covered by an offline proof: " + (d.VerifyUrl is null ? "ask the university." : $"see {d.VerifyUrl}"));
    }

    private static string Headline(OfflineProblem problem) => problem switch
    {
        OfflineProblem.FileChanged => "the file was changed (or the proof is for another document).",
        OfflineProblem.LeafNotInTree => "the document's entry is not in the university's signed ledger.",
        OfflineProblem.WrongLeaf => "the proof does not record this document.",
        OfflineProblem.BadSignature => "the ledger's signature is not valid.",
        OfflineProblem.UnknownKey => "the proof is not signed with a key you trust.",
        _ => "the proof bundle is malformed.",
    };

    private static byte[]? Read(string path, long maxBytes, TextWriter error)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error.WriteLine($"adal verify: {path}: no such file.");
                return null;
            }
            if (info.Length > maxBytes)
            {
                error.WriteLine($"adal verify: {path}: larger than {maxBytes / (1024 * 1024.0):0.#} MB; this is not the right file.");
                return null;
            }
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"adal verify: {path}: {e.Message}");
            return null;
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"adal verify: {message}");
        error.WriteLine(Usage);
        return UsageError;
    }
}
