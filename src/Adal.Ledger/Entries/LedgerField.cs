using System.Buffers.Binary;
using System.Text;

namespace Adal.Ledger;

/// <summary>One named, typed value of a <see cref="LedgerEntry"/>. Equal when name, kind and bytes are equal.</summary>
public sealed class LedgerField : IEquatable<LedgerField>
{
    /// <summary>Largest value a field may hold; a ledger leaf records a fact, not a document.</summary>
    public const int MaxValueLength = 64 * 1024;

    // Strict UTF-8: a lone surrogate would otherwise be silently replaced and the entry would not round-trip.
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _value;

    private LedgerField(string name, LedgerFieldKind kind, byte[] value)
    {
        if (!LedgerNames.IsValid(name))
        {
            throw new ArgumentException($"Field name '{name}' must be 1–64 characters of a–z, 0–9, '_', '.', '-', starting with a letter.", nameof(name));
        }
        if (value.Length > MaxValueLength)
        {
            throw new ArgumentException($"Field '{name}' holds {value.Length} bytes; at most {MaxValueLength} are allowed.", nameof(value));
        }
        Name = name;
        Kind = kind;
        _value = value;
    }

    public string Name { get; }

    public LedgerFieldKind Kind { get; }

    /// <summary>The value exactly as encoded.</summary>
    public ReadOnlySpan<byte> Value => _value;

    public static LedgerField Text(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException exception)
        {
            throw new ArgumentException($"Field '{name}' is not valid Unicode text.", nameof(value), exception);
        }
        return new LedgerField(name, LedgerFieldKind.Text, bytes);
    }

    public static LedgerField Integer(string name, long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return new LedgerField(name, LedgerFieldKind.Integer, bytes);
    }

    public static LedgerField Bytes(string name, ReadOnlySpan<byte> value) => new(name, LedgerFieldKind.Bytes, value.ToArray());

    public static LedgerField Commitment(string name, Commitment commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        return new LedgerField(name, LedgerFieldKind.Commitment, commitment.Hash.ToArray());
    }

    /// <summary>Builds a field from decoded parts; null if the value does not fit its kind.</summary>
    internal static LedgerField? TryCreate(string name, LedgerFieldKind kind, byte[] value)
    {
        bool fits = kind switch
        {
            LedgerFieldKind.Text => IsStrictUtf8(value),
            LedgerFieldKind.Integer => value.Length == 8,
            LedgerFieldKind.Bytes => true,
            LedgerFieldKind.Commitment => value.Length == MerkleHash.Size,
            _ => false,
        };
        return fits && LedgerNames.IsValid(name) && value.Length <= MaxValueLength ? new LedgerField(name, kind, value) : null;
    }

    public string AsText() => Kind == LedgerFieldKind.Text ? StrictUtf8.GetString(_value) : throw WrongKind(LedgerFieldKind.Text);

    public long AsInteger() => Kind == LedgerFieldKind.Integer ? BinaryPrimitives.ReadInt64BigEndian(_value) : throw WrongKind(LedgerFieldKind.Integer);

    public Commitment AsCommitment() => Kind == LedgerFieldKind.Commitment ? new Commitment(_value) : throw WrongKind(LedgerFieldKind.Commitment);

    public bool Equals(LedgerField? other) =>
        other is not null && Name == other.Name && Kind == other.Kind && _value.AsSpan().SequenceEqual(other._value);

    public override bool Equals(object? obj) => Equals(obj as LedgerField);

    public override int GetHashCode() => HashCode.Combine(Name, Kind, _value.Length);

    public override string ToString() => $"{Name} ({Kind}, {_value.Length} bytes)";

    private static bool IsStrictUtf8(byte[] value)
    {
        try
        {
            _ = StrictUtf8.GetCharCount(value);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private InvalidOperationException WrongKind(LedgerFieldKind wanted) =>
        new($"Field '{Name}' is {Kind}, not {wanted}.");
}
