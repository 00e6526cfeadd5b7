using System.Buffers.Text;
using System.Security.Cryptography;

namespace Adal.Ledger.Tests;

public sealed class TreeHeadTests : IDisposable
{
    private const string LogId = "kaznu.edu.kz";

    private readonly FixedClock _clock = new(Build.Noon);
    private readonly LogSigner _signer;
    private readonly TreeHeadVerifier _verifier = new(LogId);
    private readonly byte[] _root = MerkleHash.RootOf(Build.Entries(5));

    public TreeHeadTests()
    {
        _signer = LogSigner.Generate(LogId, _clock);
        Assert.True(_verifier.TrustPublicKeyPem(_signer.ExportPublicKeyPem()).Succeeded);
    }

    public void Dispose()
    {
        _signer.Dispose();
        _verifier.Dispose();
    }

    [Fact]
    public void A_signed_tree_head_verifies_with_the_published_public_key()
    {
        var head = _signer.Sign(5, _root);
        Assert.Equal(5, head.TreeSize);
        Assert.Equal(_root, head.RootHash);
        Assert.Equal(Build.Noon, head.Timestamp);
        Assert.Equal(64, head.Signature.Length);
        Assert.True(_verifier.Verify(head).IsValid);
    }

    [Fact]
    public void The_key_id_is_base64url_of_the_SHA_256_of_the_public_key_info()
    {
        var expected = Base64Url.EncodeToString(SHA256.HashData(_signer.ExportSubjectPublicKeyInfo()));
        Assert.Equal(expected, _signer.KeyId);
        Assert.Equal(43, _signer.KeyId.Length);
        Assert.DoesNotContain('+', _signer.KeyId);
        Assert.DoesNotContain('/', _signer.KeyId);
        Assert.Equal([_signer.KeyId], _verifier.KeyIds);
    }

    [Fact]
    public void The_signing_input_is_the_documented_v1_layout()
    {
        var root = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var input = TreeHeadSigningInput.Encode("t1", 0x0102030405060708, DateTimeOffset.FromUnixTimeMilliseconds(0x1122334455), root);
        byte[] expected =
        [
            .. "adal-sth-v1"u8, 2, (byte)'t', (byte)'1',
            1, 2, 3, 4, 5, 6, 7, 8,
            0, 0, 0, 0x11, 0x22, 0x33, 0x44, 0x55,
            .. root,
        ];
        Assert.Equal(expected, input);
    }

    [Fact]
    public void A_signature_made_outside_the_library_over_the_documented_input_verifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keyId = _verifier.TrustSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo()).KeyId!;
        var timestamp = Build.Noon.AddDays(3);
        var input = TreeHeadSigningInput.Encode(LogId, 5, timestamp, _root);
        var signature = key.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        Assert.True(_verifier.Verify(new SignedTreeHead(5, _root, timestamp, keyId, signature)).IsValid);
        var der = key.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        Assert.False(_verifier.Verify(new SignedTreeHead(5, _root, timestamp, keyId, der)).IsValid);
    }

    [Fact]
    public void Changing_any_part_of_a_head_breaks_its_signature()
    {
        var head = _signer.Sign(5, _root);
        Assert.False(_verifier.Verify(head with { TreeSize = 6 }).IsValid);
        Assert.False(_verifier.Verify(head with { RootHash = Build.Flip(_root, 3) }).IsValid);
        Assert.False(_verifier.Verify(head with { Timestamp = head.Timestamp.AddMilliseconds(1) }).IsValid);
        Assert.False(_verifier.Verify(head with { Signature = Build.Flip(head.Signature, 40) }).IsValid);
    }

    [Fact]
    public void A_head_of_one_universitys_log_does_not_verify_for_another()
    {
        var head = _signer.Sign(5, _root);
        using var other = new TreeHeadVerifier("enu.kz");
        other.TrustPublicKeyPem(_signer.ExportPublicKeyPem());
        var verdict = other.Verify(head);
        Assert.False(verdict.IsValid);
        Assert.Contains("enu.kz", verdict.Problem);
    }

    [Fact]
    public void After_key_rotation_old_heads_still_verify_with_the_old_public_key()
    {
        var oldHead = _signer.Sign(5, _root);
        using var rotated = LogSigner.Generate(LogId, _clock);
        Assert.NotEqual(_signer.KeyId, rotated.KeyId);
        _verifier.TrustPublicKeyPem(rotated.ExportPublicKeyPem());
        var newHead = rotated.Sign(5, _root);
        Assert.True(_verifier.Verify(oldHead).IsValid);
        Assert.True(_verifier.Verify(newHead).IsValid);
        Assert.Equal(2, _verifier.KeyIds.Count);
    }

    [Fact]
    public void A_head_signed_by_an_untrusted_key_is_rejected_even_if_it_claims_a_trusted_key_id()
    {
        using var intruder = LogSigner.Generate(LogId, _clock);
        var head = intruder.Sign(5, _root);
        Assert.Contains("does not trust", _verifier.Verify(head).Problem);
        Assert.Contains("does not verify", _verifier.Verify(head with { KeyId = _signer.KeyId }).Problem);
    }

    [Fact]
    public void A_private_key_saved_as_PEM_signs_the_same_way_after_a_restart()
    {
        var pem = _signer.ExportPrivateKeyPem();
        using var restored = LogSigner.FromPrivateKeyPem(LogId, pem, _clock);
        Assert.Equal(_signer.KeyId, restored.KeyId);
        Assert.True(_verifier.Verify(restored.Sign(5, _root)).IsValid);
    }

    [Fact]
    public void Only_P256_public_keys_are_trusted()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        Assert.False(_verifier.TrustSubjectPublicKeyInfo(p384.ExportSubjectPublicKeyInfo()).Succeeded);
        Assert.False(_verifier.TrustSubjectPublicKeyInfo(rsa.ExportSubjectPublicKeyInfo()).Succeeded);
        Assert.False(_verifier.TrustSubjectPublicKeyInfo([1, 2, 3]).Succeeded);
        Assert.False(_verifier.TrustSubjectPublicKeyInfo([.. _signer.ExportSubjectPublicKeyInfo(), 0]).Succeeded);
        Assert.False(_verifier.TrustPublicKeyPem(null).Succeeded);
        Assert.False(_verifier.TrustPublicKeyPem("hello").Succeeded);
        Assert.False(_verifier.TrustPublicKeyPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----").Succeeded);
        Assert.Contains("private", _verifier.TrustPublicKeyPem(_signer.ExportPrivateKeyPem()).Problem);
        Assert.Throws<ArgumentException>(() => LogSigner.FromPrivateKeyPem(LogId, _signer.ExportPublicKeyPem(), _clock));
        Assert.Throws<ArgumentException>(() => LogSigner.FromPrivateKeyPem(LogId, p384.ExportPkcs8PrivateKeyPem(), _clock));
    }

    [Fact]
    public void Malformed_heads_are_invalid_not_exceptions()
    {
        var head = _signer.Sign(5, _root);
        Assert.False(_verifier.Verify(null).IsValid);
        Assert.False(_verifier.Verify(head with { TreeSize = -1 }).IsValid);
        Assert.False(_verifier.Verify(head with { RootHash = null! }).IsValid);
        Assert.False(_verifier.Verify(head with { RootHash = new byte[31] }).IsValid);
        Assert.False(_verifier.Verify(head with { Signature = null! }).IsValid);
        Assert.False(_verifier.Verify(head with { Signature = new byte[70] }).IsValid);
        Assert.False(_verifier.Verify(head with { KeyId = null! }).IsValid);
    }

    [Fact]
    public void A_newer_head_is_accepted_only_when_consistent_with_the_older_one()
    {
        var entries = Build.Entries(20);
        var (log, _) = Build.Log(entries[..12]);
        var older = _signer.Sign(12, log.RootHash());
        _clock.Advance(TimeSpan.FromMinutes(5));
        log.AppendBatch(entries[12..]);
        var newer = _signer.Sign(20, log.RootHash());
        var proof = log.GetConsistencyProof(12, 20).Path;

        Assert.True(_verifier.CheckSuccession(older, newer, proof).IsValid);
        Assert.True(_verifier.CheckSuccession(older, older, []).IsValid);
    }

    [Fact]
    public void Replaying_an_older_tree_head_is_detected_as_a_rollback()
    {
        var entries = Build.Entries(20);
        var (log, _) = Build.Log(entries);
        var older = _signer.Sign(12, log.RootHash(12));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var newer = _signer.Sign(20, log.RootHash(20));

        var verdict = _verifier.CheckSuccession(newer, older, log.GetConsistencyProof(12, 20).Path);
        Assert.False(verdict.IsValid);
        Assert.Contains("Rollback", verdict.Problem);

        var restated = _signer.Sign(20, log.RootHash(20));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var latest = _signer.Sign(20, log.RootHash(20));
        Assert.Contains("replayed", _verifier.CheckSuccession(latest, restated, []).Problem);
    }

    [Fact]
    public void A_forked_log_is_detected_when_a_newer_head_rewrites_history()
    {
        var entries = Build.Entries(20);
        var (honest, _) = Build.Log(entries);
        var forkedEntries = (byte[][])entries.Clone();
        forkedEntries[3] = Build.Entries(1, seed: 99)[0];
        var (forked, _) = Build.Log(forkedEntries);

        var older = _signer.Sign(12, honest.RootHash(12));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var newer = _signer.Sign(20, forked.RootHash(20));
        var verdict = _verifier.CheckSuccession(older, newer, forked.GetConsistencyProof(12, 20).Path);
        Assert.False(verdict.IsValid);
        Assert.StartsWith("Fork", verdict.Problem);

        var sameSizeOtherRoot = _signer.Sign(12, forked.RootHash(12));
        Assert.False(_verifier.CheckSuccession(older, sameSizeOtherRoot, []).IsValid);
    }
}
