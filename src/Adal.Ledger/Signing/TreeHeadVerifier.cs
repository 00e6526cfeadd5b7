using System.Security.Cryptography;

namespace Adal.Ledger;

/// <summary>
/// Checks one log's signed tree heads against the public keys it trusts, by key id. Keys are only
/// ever added: after a rotation the old public key stays trusted so every head it signed stays
/// verifiable. Safe to share between threads.
/// </summary>
public sealed class TreeHeadVerifier : IDisposable
{
    private readonly Dictionary<string, ECDsa> _keys = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TreeHeadVerifier(string logId)
    {
        TreeHeadSigningInput.ValidateLogId(logId);
        LogId = logId;
    }

    public string LogId { get; }

    public IReadOnlyCollection<string> KeyIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _keys.Keys];
            }
        }
    }

    /// <summary>Trusts a P-256 public key given as a "PUBLIC KEY" PEM (SubjectPublicKeyInfo).</summary>
    public KeyImport TrustPublicKeyPem(string? publicKeyPem)
    {
        if (publicKeyPem is null || !PemEncoding.TryFind(publicKeyPem, out var fields))
        {
            return KeyImport.Refused("No PEM block found.");
        }
        if (!publicKeyPem.AsSpan()[fields.Label].SequenceEqual("PUBLIC KEY"))
        {
            return KeyImport.Refused("Only a PUBLIC KEY PEM can be trusted; private keys stay with the signer.");
        }
        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(publicKeyPem.AsSpan()[fields.Base64Data], der, out int written))
        {
            return KeyImport.Refused("The PEM body is not base64.");
        }
        return TrustSubjectPublicKeyInfo(der.AsSpan(0, written));
    }

    /// <summary>Trusts a P-256 public key given as DER SubjectPublicKeyInfo.</summary>
    public KeyImport TrustSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out int read);
            if (read != subjectPublicKeyInfo.Length || !LedgerKeys.IsP256(key))
            {
                key.Dispose();
                return KeyImport.Refused("Only an ECDSA P-256 SubjectPublicKeyInfo, with nothing after it, can be trusted.");
            }
        }
        catch (CryptographicException)
        {
            key.Dispose();
            return KeyImport.Refused("The bytes are not an EC SubjectPublicKeyInfo.");
        }
        // The id is taken from the canonical re-export so that it matches the signer's whatever the input's encoding.
        string keyId = LedgerKeyId.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo());
        lock (_gate)
        {
            if (!_keys.TryAdd(keyId, key))
            {
                key.Dispose();
            }
        }
        return new KeyImport(keyId, null);
    }

    /// <summary>Checks the head's shape, that its key is trusted, and its signature for this log.</summary>
    public Verdict Verify(SignedTreeHead? head)
    {
        if (head is null)
        {
            return Verdict.Invalid("No tree head.");
        }
        if (head.TreeSize < 0)
        {
            return Verdict.Invalid("The tree size is negative.");
        }
        if (head.RootHash is not { Length: MerkleHash.Size })
        {
            return Verdict.Invalid("The root hash is not 32 bytes.");
        }
        if (head.Signature is not { Length: LedgerKeys.SignatureLength })
        {
            return Verdict.Invalid("The signature is not a 64-byte IEEE P1363 ECDSA P-256 signature.");
        }
        var input = TreeHeadSigningInput.Encode(LogId, head.TreeSize, head.Timestamp, head.RootHash);
        lock (_gate)
        {
            if (head.KeyId is null || !_keys.TryGetValue(head.KeyId, out var key))
            {
                return Verdict.Invalid($"The head is signed with key '{head.KeyId}', which this log does not trust.");
            }
            return key.VerifyData(input, head.Signature, HashAlgorithmName.SHA256, LedgerKeys.SignatureFormat)
                ? Verdict.Valid
                : Verdict.Invalid($"The signature does not verify for log '{LogId}' with key '{head.KeyId}'.");
        }
    }

    /// <summary>
    /// Whether <paramref name="presented"/> may follow <paramref name="known"/>, the newest head a
    /// client has already accepted: both signed, not older (no replay of a stale head, no rollback),
    /// and consistent (RFC 9162 §2.1.4: the known tree is a prefix of the presented one — no fork).
    /// </summary>
    public Verdict CheckSuccession(SignedTreeHead known, SignedTreeHead presented, IReadOnlyList<byte[]>? consistencyProof)
    {
        var knownVerdict = Verify(known);
        if (!knownVerdict.IsValid)
        {
            return Verdict.Invalid($"The known head: {knownVerdict.Problem}");
        }
        var presentedVerdict = Verify(presented);
        if (!presentedVerdict.IsValid)
        {
            return Verdict.Invalid($"The presented head: {presentedVerdict.Problem}");
        }
        if (presented.TreeSize < known.TreeSize)
        {
            return Verdict.Invalid($"Rollback: the presented head covers {presented.TreeSize} leaves, fewer than the {known.TreeSize} already seen — an older head replayed.");
        }
        if (presented.Timestamp < known.Timestamp)
        {
            return Verdict.Invalid("The presented head is older than the one already seen — a replayed head.");
        }
        var consistency = MerkleProofs.CheckConsistency(known.TreeSize, presented.TreeSize, known.RootHash, presented.RootHash, consistencyProof);
        return consistency.IsValid ? Verdict.Valid : Verdict.Invalid($"Fork: {consistency.Problem}");
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var key in _keys.Values)
            {
                key.Dispose();
            }
            _keys.Clear();
        }
    }
}
