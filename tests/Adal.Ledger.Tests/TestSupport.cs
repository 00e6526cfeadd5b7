using System.Security.Cryptography;

namespace Adal.Ledger.Tests;

/// <summary>A clock that says what the test tells it to.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>Repeatable "randomness" so commitments have known values in tests.</summary>
internal sealed class SeededRandom(int seed) : RandomNumberGenerator
{
    private readonly Random _random = new(seed);

    public override void GetBytes(byte[] data) => _random.NextBytes(data);

    public override void GetBytes(Span<byte> data) => _random.NextBytes(data);
}

internal static class Build
{
    public static readonly DateTimeOffset Noon = new(2026, 9, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Distinct small entries, like the events a semester produces.</summary>
    public static byte[][] Entries(int count, int seed = 7) =>
        Enumerable.Range(0, count)
            .Select(i => new LedgerEntry(
                LedgerEventTypes.All[i % LedgerEventTypes.All.Count],
                Noon.AddSeconds(i),
                LedgerField.Integer("sequence", i),
                LedgerField.Text("course", $"MATH-{(i * seed) % 97:000}"),
                LedgerField.Integer("score", (i * 37 + seed) % 101)).Encode())
            .ToArray();

    public static (MerkleLog Log, InMemoryNodeStore Store) Log(IReadOnlyList<byte[]> entries, int batch = 100)
    {
        var store = new InMemoryNodeStore();
        var log = new MerkleLog(store);
        for (int i = 0; i < entries.Count; i += batch)
        {
            log.AppendBatch(entries.Skip(i).Take(batch).ToArray());
        }
        return (log, store);
    }

    public static byte[] Flip(byte[] bytes, int position, byte mask = 0x01)
    {
        var copy = (byte[])bytes.Clone();
        copy[position % copy.Length] ^= mask;
        return copy;
    }
}
