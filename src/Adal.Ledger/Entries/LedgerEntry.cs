using System.Diagnostics.CodeAnalysis;

namespace Adal.Ledger;

/// <summary>
/// One event as it becomes a leaf: its type, when it happened (UTC, millisecond precision — what the
/// encoding keeps) and its ordered, uniquely named fields. Personal values go in as
/// <see cref="LedgerFieldKind.Commitment"/> fields; the openings stay in the host's database.
/// The leaf is <see cref="Encode"/>'s bytes; its leaf hash is <see cref="MerkleHash.Leaf(ReadOnlySpan{byte})"/>.
/// </summary>
public sealed class LedgerEntry : IEquatable<LedgerEntry>
{
    /// <summary>Most fields one entry may hold.</summary>
    public const int MaxFields = 256;

    public LedgerEntry(string eventType, DateTimeOffset timestamp, IEnumerable<LedgerField> fields)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentNullException.ThrowIfNull(fields);
        if (!LedgerNames.IsValidEventType(eventType))
        {
            throw new ArgumentException($"Event type '{eventType}' must look like 'grade.changed': lowercase ASCII with a dot.", nameof(eventType));
        }
        var list = fields.ToArray();
        if (list.Length > MaxFields)
        {
            throw new ArgumentException($"An entry holds at most {MaxFields} fields.", nameof(fields));
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in list)
        {
            ArgumentNullException.ThrowIfNull(field, nameof(fields));
            // A reader looking up a name must find one value, not pick between two.
            if (!names.Add(field.Name))
            {
                throw new ArgumentException($"Field '{field.Name}' appears twice.", nameof(fields));
            }
        }
        EventType = eventType;
        Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds());
        Fields = list;
    }

    public LedgerEntry(string eventType, DateTimeOffset timestamp, params LedgerField[] fields)
        : this(eventType, timestamp, (IEnumerable<LedgerField>)fields)
    {
    }

    public string EventType { get; }

    /// <summary>UTC, truncated to the millisecond.</summary>
    public DateTimeOffset Timestamp { get; }

    public IReadOnlyList<LedgerField> Fields { get; }

    public LedgerField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The canonical v1 bytes (see <see cref="LedgerEntryEncoding"/>).</summary>
    public byte[] Encode() => LedgerEntryEncoding.Encode(this);

    /// <summary>Decodes canonical v1 bytes; false with a reason for anything else.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out LedgerEntry? entry, [NotNullWhen(false)] out string? problem) =>
        LedgerEntryEncoding.TryDecode(encoded, out entry, out problem);

    public bool Equals(LedgerEntry? other) =>
        other is not null && EventType == other.EventType && Timestamp == other.Timestamp && Fields.SequenceEqual(other.Fields);

    public override bool Equals(object? obj) => Equals(obj as LedgerEntry);

    public override int GetHashCode() => HashCode.Combine(EventType, Timestamp, Fields.Count);

    public override string ToString() => $"{EventType} at {Timestamp:O} ({Fields.Count} fields)";
}
