using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Adal.Ledger;

/// <summary>
/// Entry encoding, version 1. Every variable part is length-prefixed and every number big-endian,
/// so the bytes are unambiguous (no two entries encode alike) and deterministic (one entry has one
/// encoding); the decoder accepts only that one encoding, so a leaf cannot be re-encoded into a
/// different hash.
/// <code>
///   version        1 byte       0x01
///   event type     1 byte length, then ASCII          e.g. "grade.changed"
///   timestamp      8 bytes      signed big-endian milliseconds since 1970-01-01T00:00:00Z
///   field count    2 bytes      unsigned big-endian, at most 256
///   each field:
///     name         1 byte length, then ASCII          unique within the entry
///     kind         1 byte       1 text (UTF-8), 2 integer, 3 bytes, 4 commitment
///     value        4 bytes unsigned big-endian length, then the value
///                               (integer: 8 bytes big-endian; commitment: 32 bytes)
/// </code>
/// </summary>
public static class LedgerEntryEncoding
{
    public const byte Version1 = 0x01;

    public static byte[] Encode(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        int length = 1 + 1 + entry.EventType.Length + 8 + 2;
        foreach (var field in entry.Fields)
        {
            length += 1 + field.Name.Length + 1 + 4 + field.Value.Length;
        }
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        int at = 0;
        span[at++] = Version1;
        at += WriteName(span[at..], entry.EventType);
        BinaryPrimitives.WriteInt64BigEndian(span[at..], entry.Timestamp.ToUnixTimeMilliseconds());
        at += 8;
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)entry.Fields.Count);
        at += 2;
        foreach (var field in entry.Fields)
        {
            at += WriteName(span[at..], field.Name);
            span[at++] = (byte)field.Kind;
            BinaryPrimitives.WriteUInt32BigEndian(span[at..], (uint)field.Value.Length);
            at += 4;
            field.Value.CopyTo(span[at..]);
            at += field.Value.Length;
        }
        return bytes;
    }

    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out LedgerEntry? entry, [NotNullWhen(false)] out string? problem)
    {
        entry = null;
        var reader = new Reader(encoded);
        if (!reader.TryByte(out byte version))
        {
            problem = "The entry is empty.";
            return false;
        }
        if (version != Version1)
        {
            problem = $"Entry encoding version {version} is not known; this reader knows version {Version1}.";
            return false;
        }
        if (!reader.TryName(out var eventType) || !LedgerNames.IsValidEventType(eventType))
        {
            problem = "The event type is missing or malformed.";
            return false;
        }
        if (!reader.TryInt64(out long milliseconds) || milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds()
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            problem = "The timestamp is missing or out of range.";
            return false;
        }
        if (!reader.TryUInt16(out ushort count) || count > LedgerEntry.MaxFields)
        {
            problem = "The field count is missing or above the limit.";
            return false;
        }
        var fields = new List<LedgerField>(count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            if (!reader.TryName(out var name) || !reader.TryByte(out byte kind) || !reader.TryValue(out var value))
            {
                problem = $"Field {i} is truncated or malformed.";
                return false;
            }
            var field = LedgerField.TryCreate(name, (LedgerFieldKind)kind, value);
            if (field is null || !names.Add(name))
            {
                problem = $"Field {i} ('{name}') has an unknown kind, a value that does not fit its kind, or a repeated name.";
                return false;
            }
            fields.Add(field);
        }
        if (!reader.AtEnd)
        {
            problem = "Bytes follow the last field: the entry is not in canonical form.";
            return false;
        }
        entry = new LedgerEntry(eventType, DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), fields);
        problem = null;
        return true;
    }

    private static int WriteName(Span<byte> destination, string name)
    {
        destination[0] = (byte)name.Length;
        return 1 + Encoding.ASCII.GetBytes(name, destination[1..]);
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public readonly bool AtEnd => _rest.IsEmpty;

        public bool TryByte(out byte value)
        {
            value = 0;
            if (_rest.IsEmpty)
            {
                return false;
            }
            value = _rest[0];
            _rest = _rest[1..];
            return true;
        }

        public bool TryUInt16(out ushort value)
        {
            value = 0;
            if (_rest.Length < 2)
            {
                return false;
            }
            value = BinaryPrimitives.ReadUInt16BigEndian(_rest);
            _rest = _rest[2..];
            return true;
        }

        public bool TryInt64(out long value)
        {
            value = 0;
            if (_rest.Length < 8)
            {
                return false;
            }
            value = BinaryPrimitives.ReadInt64BigEndian(_rest);
            _rest = _rest[8..];
            return true;
        }

        public bool TryName(out string name)
        {
            name = "";
            if (!TryByte(out byte length) || _rest.Length < length)
            {
                return false;
            }
            var bytes = _rest[..length];
            foreach (byte b in bytes)
            {
                if (b > 0x7F)
                {
                    return false;
                }
            }
            name = Encoding.ASCII.GetString(bytes);
            _rest = _rest[length..];
            return LedgerNames.IsValid(name);
        }

        public bool TryValue(out byte[] value)
        {
            value = [];
            if (_rest.Length < 4)
            {
                return false;
            }
            uint length = BinaryPrimitives.ReadUInt32BigEndian(_rest);
            if (length > LedgerField.MaxValueLength || _rest.Length - 4 < length)
            {
                return false;
            }
            value = _rest.Slice(4, (int)length).ToArray();
            _rest = _rest[(4 + (int)length)..];
            return true;
        }
    }
}
