using System.Buffers.Binary;
using System.Text;

namespace Adal.Ledger;

/// <summary>
/// The exact bytes a tree head signature covers, version 1:
/// <code>
///   "adal-sth-v1"          11 bytes ASCII  domain label: a signature made for anything else never verifies here
///   log id length          1 byte          1..255
///   log id                 UTF-8           which tenant's log (a head cannot be replayed to another log)
///   tree size              8 bytes         unsigned big-endian
///   timestamp              8 bytes         milliseconds since 1970-01-01T00:00:00Z, signed big-endian
///   root hash              32 bytes        MTH(D[tree size]), RFC 9162 §2.1.1
/// </code>
/// Every field has a fixed length or a length prefix, so no two different heads share an input.
/// A future layout gets a new label ("adal-sth-v2"), never a change to this one.
/// </summary>
public static class TreeHeadSigningInput
{
    public const string DomainLabel = "adal-sth-v1";

    public static byte[] Encode(string logId, long treeSize, DateTimeOffset timestamp, ReadOnlySpan<byte> rootHash)
    {
        ValidateLogId(logId);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (rootHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("The root hash must be 32 bytes.", nameof(rootHash));
        }
        int logIdLength = Encoding.UTF8.GetByteCount(logId);
        var input = new byte[DomainLabel.Length + 1 + logIdLength + 8 + 8 + MerkleHash.Size];
        var span = input.AsSpan();
        int at = Encoding.ASCII.GetBytes(DomainLabel, span);
        span[at++] = (byte)logIdLength;
        at += Encoding.UTF8.GetBytes(logId, span[at..]);
        BinaryPrimitives.WriteUInt64BigEndian(span[at..], (ulong)treeSize);
        at += 8;
        BinaryPrimitives.WriteInt64BigEndian(span[at..], timestamp.ToUnixTimeMilliseconds());
        at += 8;
        rootHash.CopyTo(span[at..]);
        return input;
    }

    internal static void ValidateLogId(string logId)
    {
        ArgumentNullException.ThrowIfNull(logId);
        int length = Encoding.UTF8.GetByteCount(logId);
        if (length is < 1 or > 255)
        {
            throw new ArgumentException("A log id is 1 to 255 UTF-8 bytes.", nameof(logId));
        }
    }
}
