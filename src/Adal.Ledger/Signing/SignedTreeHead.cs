namespace Adal.Ledger;

/// <summary>
/// The log's signed statement "my tree of <see cref="TreeSize"/> leaves has this root", made at
/// <see cref="Timestamp"/> (millisecond precision) with the key <see cref="KeyId"/>. The signature is
/// ECDSA P-256/SHA-256 in IEEE P1363 form (64 bytes r‖s) over <see cref="TreeHeadSigningInput"/>.
/// </summary>
public sealed record SignedTreeHead(long TreeSize, byte[] RootHash, DateTimeOffset Timestamp, string KeyId, byte[] Signature)
{
    public string RootHashBase64 => Convert.ToBase64String(RootHash);

    public string SignatureBase64 => Convert.ToBase64String(Signature);
}
