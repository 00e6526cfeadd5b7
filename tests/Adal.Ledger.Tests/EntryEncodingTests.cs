using System.Security.Cryptography;

namespace Adal.Ledger.Tests;

public sealed class EntryEncodingTests
{
    private static LedgerEntry GradeChange() => new(
        LedgerEventTypes.GradeChanged,
        new DateTimeOffset(2026, 12, 20, 15, 30, 45, 123, TimeSpan.FromHours(5)),
        LedgerField.Text("course", "MATH-201 Дифференциалдық теңдеулер"),
        LedgerField.Integer("from", 67),
        LedgerField.Integer("to", -1),
        LedgerField.Bytes("evidence_sha256", SHA256.HashData("appeal decision"u8)),
        LedgerField.Commitment("student", new Commitment(SHA256.HashData("opaque"u8))));

    [Fact]
    public void An_entry_survives_encoding_and_decoding_unchanged()
    {
        var entry = GradeChange();
        Assert.True(LedgerEntry.TryDecode(entry.Encode(), out var decoded, out var problem), problem);
        Assert.Equal(entry, decoded);
        Assert.Equal("MATH-201 Дифференциалдық теңдеулер", decoded.Field("course")!.AsText());
        Assert.Equal(-1, decoded.Field("to")!.AsInteger());
        Assert.Equal(entry.Field("student")!.AsCommitment(), decoded.Field("student")!.AsCommitment());
        Assert.Equal(entry.Encode(), decoded.Encode());
    }

    [Fact]
    public void The_same_event_always_encodes_to_the_same_bytes()
    {
        Assert.Equal(GradeChange().Encode(), GradeChange().Encode());
    }

    [Fact]
    public void Timestamps_are_kept_in_UTC_to_the_millisecond()
    {
        var entry = new LedgerEntry(LedgerEventTypes.RoleGranted, new DateTimeOffset(2026, 1, 2, 8, 0, 0, TimeSpan.FromHours(5)).AddTicks(12_345));
        Assert.Equal(TimeSpan.Zero, entry.Timestamp.Offset);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 0, 0, 1, TimeSpan.Zero), entry.Timestamp);
    }

    [Fact]
    public void The_bytes_follow_the_documented_v1_layout()
    {
        var entry = new LedgerEntry("role.granted", DateTimeOffset.FromUnixTimeMilliseconds(0x0102030405), LedgerField.Integer("n", 7), LedgerField.Text("r", "dean"));
        byte[] expected =
        [
            0x01,
            12, .. "role.granted"u8,
            0, 0, 0, 0x01, 0x02, 0x03, 0x04, 0x05,
            0, 2,
            1, (byte)'n', 2, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 7,
            1, (byte)'r', 1, 0, 0, 0, 4, .. "dean"u8,
        ];
        Assert.Equal(expected, entry.Encode());
    }

    [Fact]
    public void Moving_a_boundary_between_name_and_value_changes_the_bytes()
    {
        var a = new LedgerEntry("grade.entered", Build.Noon, LedgerField.Text("ab", "c"));
        var b = new LedgerEntry("grade.entered", Build.Noon, LedgerField.Text("a", "bc"));
        Assert.NotEqual(a.Encode(), b.Encode());
    }

    [Fact]
    public void Every_event_type_of_the_platform_is_a_valid_entry_type()
    {
        Assert.Equal(10, LedgerEventTypes.All.Count);
        foreach (var type in LedgerEventTypes.All)
        {
            var entry = new LedgerEntry(type, Build.Noon);
            Assert.True(LedgerEntry.TryDecode(entry.Encode(), out var decoded, out _));
            Assert.Equal(type, decoded.EventType);
        }
    }

    [Fact]
    public void Every_truncation_of_an_entry_is_refused()
    {
        var bytes = GradeChange().Encode();
        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.False(LedgerEntry.TryDecode(bytes.AsSpan(0, length), out _, out var problem), $"length {length}");
            Assert.False(string.IsNullOrEmpty(problem));
        }
    }

    [Fact]
    public void Bytes_that_are_not_one_canonical_entry_are_refused_with_a_reason()
    {
        var bytes = new LedgerEntry("role.granted", Build.Noon, LedgerField.Integer("n", 7)).Encode();
        Assert.Contains("follow the last field", Decode([.. bytes, 0]));
        Assert.Contains("version", Decode([0x02, .. bytes[1..]]));
        // Field kind byte (after version, type, timestamp, count, name): 99 is unknown.
        int kindAt = 1 + 13 + 8 + 2 + 2;
        Assert.NotNull(Decode(With(bytes, kindAt, 99)));
        // An integer whose declared length is not 8.
        Assert.NotNull(Decode(With(bytes, kindAt + 4, 7)));
        // Uppercase in the event type.
        Assert.NotNull(Decode(With(bytes, 2, (byte)'R')));
        // Invalid UTF-8 in a text value.
        var text = new LedgerEntry("role.granted", Build.Noon, LedgerField.Text("t", "ab")).Encode();
        Assert.NotNull(Decode(With(text, text.Length - 1, 0xFF)));
        // A repeated field name.
        var twice = new LedgerEntry("role.granted", Build.Noon, LedgerField.Integer("a", 1), LedgerField.Integer("b", 2)).Encode();
        int secondName = 1 + 13 + 8 + 2 + (1 + 1 + 1 + 4 + 8) + 1;
        Assert.NotNull(Decode(With(twice, secondName, (byte)'a')));
        Assert.NotNull(Decode([]));
    }

    [Fact]
    public void Entries_a_reader_could_misread_cannot_be_built()
    {
        Assert.Throws<ArgumentException>(() => new LedgerEntry("GradeChanged", Build.Noon));
        Assert.Throws<ArgumentException>(() => new LedgerEntry("grade", Build.Noon));
        Assert.Throws<ArgumentException>(() => new LedgerEntry("grade.changed", Build.Noon, LedgerField.Integer("a", 1), LedgerField.Integer("a", 2)));
        Assert.Throws<ArgumentException>(() => LedgerField.Text("Name", "x"));
        Assert.Throws<ArgumentException>(() => LedgerField.Text("", "x"));
        Assert.Throws<ArgumentException>(() => LedgerField.Text("note", "broken \ud800 surrogate"));
        Assert.Throws<ArgumentException>(() => LedgerField.Bytes("blob", new byte[LedgerField.MaxValueLength + 1]));
        Assert.Throws<InvalidOperationException>(() => LedgerField.Integer("n", 1).AsText());
    }

    private static string? Decode(byte[] bytes) => LedgerEntry.TryDecode(bytes, out _, out var problem) ? null : problem;

    private static byte[] With(byte[] bytes, int index, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] = value;
        return copy;
    }
}
