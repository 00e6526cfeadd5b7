namespace Adal.Ledger;

/// <summary>The type tag written before each field value (entry encoding v1). Values are fixed forever.</summary>
public enum LedgerFieldKind : byte
{
    /// <summary>UTF-8 text. Never personal data in clear: use <see cref="Commitment"/> for that.</summary>
    Text = 1,

    /// <summary>A signed 64-bit integer, 8 bytes big-endian.</summary>
    Integer = 2,

    /// <summary>Opaque bytes, e.g. the SHA-256 of an issued document.</summary>
    Bytes = 3,

    /// <summary>A 32-byte salted commitment to a personal value (see <see cref="SaltedCommitment"/>).</summary>
    Commitment = 4,
}
