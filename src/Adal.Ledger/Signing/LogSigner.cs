using System.Security.Cryptography;

namespace Adal.Ledger;

/// <summary>
/// Holds one log's private key and signs its tree heads. The host keeps the key as PKCS#8 PEM
/// (<see cref="ExportPrivateKeyPem"/>) in its secret store and publishes the public key
/// (<see cref="ExportPublicKeyPem"/>) so anyone can check heads with a <see cref="TreeHeadVerifier"/>.
/// Rotating means creating a new signer; old heads keep their old <see cref="SignedTreeHead.KeyId"/>.
/// </summary>
public sealed class LogSigner : IDisposable
{
    private readonly ECDsa _key;
    private readonly TimeProvider _time;

    private LogSigner(string logId, ECDsa key, TimeProvider time)
    {
        TreeHeadSigningInput.ValidateLogId(logId);
        ArgumentNullException.ThrowIfNull(time);
        if (!LedgerKeys.IsP256(key))
        {
            key.Dispose();
            throw new ArgumentException("Tree heads are signed with ECDSA P-256 keys only.", nameof(key));
        }
        LogId = logId;
        _key = key;
        _time = time;
        KeyId = LedgerKeyId.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The log (tenant) whose heads this signer signs; part of every signing input.</summary>
    public string LogId { get; }

    /// <summary>base64url(SHA-256(SubjectPublicKeyInfo)) of the public key.</summary>
    public string KeyId { get; }

    /// <summary>A signer with a freshly generated P-256 key.</summary>
    public static LogSigner Generate(string logId, TimeProvider time) =>
        new(logId, ECDsa.Create(ECCurve.NamedCurves.nistP256), time);

    /// <summary>A signer from a PKCS#8 or SEC 1 ("EC PRIVATE KEY") PEM.</summary>
    public static LogSigner FromPrivateKeyPem(string logId, string privateKeyPem, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyPem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(privateKeyPem);
            // Signing needs the private scalar; a public-key PEM here is a configuration mistake.
            _ = key.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new ArgumentException("The PEM does not hold an EC private key.", nameof(privateKeyPem), exception);
        }
        return new LogSigner(logId, key, time);
    }

    /// <summary>Signs MTH(D[treeSize]) as of now (millisecond precision).</summary>
    public SignedTreeHead Sign(long treeSize, ReadOnlySpan<byte> rootHash)
    {
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
        var input = TreeHeadSigningInput.Encode(LogId, treeSize, timestamp, rootHash);
        var signature = _key.SignData(input, HashAlgorithmName.SHA256, LedgerKeys.SignatureFormat);
        return new SignedTreeHead(treeSize, rootHash.ToArray(), timestamp, KeyId, signature);
    }

    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    public string ExportPublicKeyPem() => _key.ExportSubjectPublicKeyInfoPem();

    public byte[] ExportSubjectPublicKeyInfo() => _key.ExportSubjectPublicKeyInfo();

    public void Dispose() => _key.Dispose();
}
