using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Adal.Features.Credentials;

namespace Adal.Tests.Verification;

/// <summary>
/// The ecdsa-jcs-2019 P-256 test vector of W3C Data Integrity ECDSA Cryptosuites v1.0, appendix "Representation:
/// ecdsa-jcs-2019 with curve P-256" (TestVectors/ecdsa-jcs-2019-p256 and p256KeyPair.json in w3c/vc-di-ecdsa):
/// every intermediate value, and the published signature verifying under the published Multikey.
/// </summary>
public sealed class EcdsaJcs2019VectorTests
{
    private const string PublicKeyMultibase = "zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP";
    private const string SecretKeyMultibase = "z42twTcNeSYcnqg1FLuSFs2bsGH3ZqbRHFmvS9XMsYhjxvHN";
    private const string VerificationMethod = "did:key:" + PublicKeyMultibase + "#" + PublicKeyMultibase;

    private const string Signed = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
          "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
          "type": ["VerifiableCredential", "AlumniCredential"],
          "name": "Alumni Credential",
          "description": "A minimum viable example of an Alumni Credential.",
          "issuer": "https://vc.example/issuers/5678",
          "validFrom": "2023-01-01T00:00:00Z",
          "credentialSubject": { "id": "did:example:abcdefgh", "alumniOf": "The School of Examples" },
          "proof": {
            "type": "DataIntegrityProof",
            "cryptosuite": "ecdsa-jcs-2019",
            "created": "2023-02-24T23:36:38Z",
            "verificationMethod": "did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP#zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP",
            "proofPurpose": "assertionMethod",
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
            "proofValue": "z5ptCet75SaEgzG4v4zJhbJtfNi74Wv7Fq15hhKouJQQjEPQvPZKaYxcMXAMLPQS2FXrkCWokNJkFVkwxNzZfD5oT"
          }
        }
        """;

    private const string CanonicalDocument = """{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"credentialSubject":{"alumniOf":"The School of Examples","id":"did:example:abcdefgh"},"description":"A minimum viable example of an Alumni Credential.","id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","issuer":"https://vc.example/issuers/5678","name":"Alumni Credential","type":["VerifiableCredential","AlumniCredential"],"validFrom":"2023-01-01T00:00:00Z"}""";
    private const string CanonicalProofConfig = """{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"created":"2023-02-24T23:36:38Z","cryptosuite":"ecdsa-jcs-2019","proofPurpose":"assertionMethod","type":"DataIntegrityProof","verificationMethod":"did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP#zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP"}""";
    private const string DocumentHash = "59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19";
    private const string ProofConfigHash = "fe5799489119c7fe3c528715e72bd39d2ec6b4ab345978df32e9a9312648ec25";
    private const string SignatureHex = "f15c3b599eb9b3cad05df9d8e8b39a70a86375833b53743c764ac0a88c4457d60707fd7d073e03d906130631d87803f80a9824dc9939632ba92d418181be9d16";

    [Fact]
    public void Every_intermediate_value_matches_the_specification()
    {
        var secured = Parse(Signed);
        var document = (JsonObject)secured.DeepClone();
        document.Remove("proof");
        var config = (JsonObject)secured["proof"]!.DeepClone();
        config.Remove("proofValue");

        var canonicalDocument = JsonCanonicalization.Canonicalize(document);
        var canonicalConfig = JsonCanonicalization.Canonicalize(config);
        Assert.Equal(CanonicalDocument, Encoding.UTF8.GetString(canonicalDocument));
        Assert.Equal(CanonicalProofConfig, Encoding.UTF8.GetString(canonicalConfig));
        var hashData = EcdsaJcs2019.HashData(canonicalConfig, canonicalDocument);
        Assert.Equal(ProofConfigHash + DocumentHash, Convert.ToHexStringLower(hashData));
        Assert.True(Base58Btc.TryDecodeMultibase(secured["proof"]!["proofValue"]!.GetValue<string>(), out var signature));
        Assert.Equal(SignatureHex, Convert.ToHexStringLower(signature));
    }

    [Fact]
    public void The_published_credential_verifies_under_the_published_Multikey()
    {
        Assert.True(Multikey.TryDecodeP256(PublicKeyMultibase, out var key, out var problem), problem);
        using (key)
        {
            Assert.Equal(PublicKeyMultibase, Multikey.EncodeP256(key));
            var verdict = EcdsaJcs2019.Verify(Parse(Signed), method => method == VerificationMethod ? key : null);
            Assert.True(verdict.Verified, verdict.Detail);

            var altered = Parse(Signed);
            altered["credentialSubject"]!["alumniOf"] = "The School of Forgeries";
            Assert.Equal(ProofProblem.BadSignature, EcdsaJcs2019.Verify(altered, _ => key).Problem);
            var otherContext = Parse(Signed);
            otherContext["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2");
            Assert.Equal(ProofProblem.Malformed, EcdsaJcs2019.Verify(otherContext, _ => key).Problem);
            Assert.Equal(ProofProblem.UnknownKey, EcdsaJcs2019.Verify(Parse(Signed), _ => null).Problem);
        }
    }

    [Fact]
    public void A_proof_made_with_the_published_secret_key_verifies_and_has_the_published_configuration()
    {
        // secretKeyMultibase: multicodec p256-priv (0x1306, varint 0x86 0x26) then the 32-byte scalar.
        Assert.True(Base58Btc.TryDecodeMultibase(SecretKeyMultibase, out var secret));
        Assert.Equal([0x86, 0x26], secret[..2]);
        Assert.True(Multikey.TryDecodeP256(PublicKeyMultibase, out var publicKey, out _));
        using var signer = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256, D = secret[2..], Q = publicKey.ExportParameters(false).Q,
        });
        using (publicKey)
        {
            var unsigned = Parse(Signed);
            unsigned.Remove("proof");
            var secured = EcdsaJcs2019.AddProof(unsigned, VerificationMethod, new DateTimeOffset(2023, 2, 24, 23, 36, 38, TimeSpan.Zero), signer);

            var config = (JsonObject)secured["proof"]!.DeepClone();
            config.Remove("proofValue");
            Assert.Equal(CanonicalProofConfig, Encoding.UTF8.GetString(JsonCanonicalization.Canonicalize(config)));
            Assert.True(EcdsaJcs2019.Verify(secured, _ => publicKey).Verified);
        }
    }

    [Theory]
    [InlineData("zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKV")] // a character short
    [InlineData("z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")] // an Ed25519 Multikey
    [InlineData("DnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP")] // no multibase prefix
    public void Anything_but_a_compressed_P256_Multikey_is_refused(string text)
    {
        Assert.False(Multikey.TryDecodeP256(text, out _, out var problem));
        Assert.NotNull(problem);
    }

    private static JsonObject Parse(string json)
    {
        Assert.True(JsonCanonicalization.TryParse(Encoding.UTF8.GetBytes(json), out var node, out var problem), problem);
        return (JsonObject)node;
    }
}
