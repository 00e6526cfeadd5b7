using System.Buffers.Binary;
using System.Text.Json;
using Adal.Ledger;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Ledger;

/// <summary>
/// How a log's entries are stored: sixteen to a row (<see cref="LedgerBundleRow"/>), as the entry bundles of C2SP
/// tlog-tiles and static-ct keep them. One row per entry bounded durable appends at SQLite's rate for small rows
/// (about 100,000 a second here) and made reading a log back slower than hashing it; sixteen to a row keeps the
/// rewrite of the last, partial bundle small (a few kilobytes) for the one-decision units of work most requests are.
/// </summary>
/// <remarks>
/// A bundle's <c>Leaves</c> are records <c>[u64 index][u32 length][leaf]</c>, big-endian. Each record names its own
/// index, so a record removed or moved by someone with database access shows as a missing index where it was, and
/// the audit names that entry — the bytes are read back exactly as they were hashed.
/// </remarks>
public static class EntryBundles
{
    public const int Size = 16;

    private const int RecordHeader = 12;

    /// <summary>Writes a unit of work's entries, which follow <paramref name="first"/> − 1, into the log's last bundle and new ones.</summary>
    /// <remarks>The last bundle is updated through the change tracker; new bundles are bulk rows. Both join the unit of work's transaction.</remarks>
    public static async Task AppendAsync(AdalDb db, Guid tenantId, long first, IReadOnlyList<PreparedEntry> entries, CancellationToken ct)
    {
        var fresh = new List<LedgerBundleRow>();
        var at = 0;
        if (first % Size != 0)
        {
            var edge = await db.LedgerBundles.FirstOrDefaultAsync(b => b.TenantId == tenantId && b.Index == first / Size, ct)
                ?? throw new InvalidOperationException($"The log's last bundle ({first / Size}) is missing: the store is damaged.");
            var take = (int)Math.Min(entries.Count, Size - first % Size);
            var leaves = Decode(edge.Leaves);
            var openings = DecodeOpenings(edge.Openings);
            while (openings.Count < leaves.Count) openings.Add(null);
            for (var i = 0; i < take; i++)
            {
                leaves.Add(new StoredEntry(first + i, entries[i].Leaf));
                openings.Add(entries[i].Openings);
            }
            edge.Leaves = Encode(leaves);
            edge.Openings = EncodeOpenings(openings);
            at = take;
        }
        for (; at < entries.Count; at += Size)
        {
            var count = Math.Min(Size, entries.Count - at);
            var slice = Enumerable.Range(at, count).ToList();
            fresh.Add(new LedgerBundleRow
            {
                TenantId = tenantId, Index = (first + at) / Size,
                Leaves = Encode(slice.Select(i => new StoredEntry(first + i, entries[i].Leaf)).ToList()),
                Openings = EncodeOpenings(slice.Select(i => entries[i].Openings).ToList()),
            });
        }
        BulkRows.Add(db, fresh);
    }

    /// <summary>After a failed save: the last bundle this unit of work changed must not be saved by a later one.</summary>
    public static void Forget(AdalDb db)
    {
        foreach (var entry in db.ChangeTracker.Entries<LedgerBundleRow>().ToList()) entry.State = EntityState.Detached;
    }

    /// <summary>Entries <paramref name="start"/> … <paramref name="end"/> (inclusive) as stored, by ascending index; a missing one is absent.</summary>
    public static async Task<List<StoredEntry>> RangeAsync(AdalDb db, Guid tenantId, long start, long end, CancellationToken ct) =>
        (await BlobsAsync(db, tenantId, start, end, ct)).SelectMany(Decode).Where(e => e.Index >= start && e.Index <= end).ToList();

    /// <summary>The stored records of the bundles that hold entries <paramref name="start"/> … <paramref name="end"/>, in bundle order.</summary>
    public static Task<List<byte[]>> BlobsAsync(AdalDb db, Guid tenantId, long start, long end, CancellationToken ct) =>
        db.LedgerBundles.AsNoTracking()
            .Where(b => b.TenantId == tenantId && b.Index >= start / Size && b.Index <= end / Size)
            .OrderBy(b => b.Index).Select(b => b.Leaves).ToListAsync(ct);

    /// <summary>The leaf at <paramref name="index"/>: the exact bytes that were hashed; null if it is not stored.</summary>
    public static async Task<byte[]?> LeafAsync(AdalDb db, Guid tenantId, long index, CancellationToken ct) =>
        (await RangeAsync(db, tenantId, index, index, ct)) is [var stored] ? stored.Leaf : null;

    /// <summary>The openings of the commitments in the leaf at <paramref name="index"/> — staff and the holder only.</summary>
    public static async Task<IReadOnlyList<(string Field, CommitmentOpening Opening)>> OpeningsAsync(AdalDb db, Guid tenantId, long index, CancellationToken ct)
    {
        var bundle = await db.LedgerBundles.AsNoTracking().Where(b => b.TenantId == tenantId && b.Index == index / Size)
            .Select(b => new { b.Leaves, b.Openings }).FirstOrDefaultAsync(ct);
        if (bundle is null) return [];
        var position = Decode(bundle.Leaves).FindIndex(e => e.Index == index);
        var openings = DecodeOpenings(bundle.Openings);
        return position >= 0 && position < openings.Count ? LedgerOpenings.Decode(openings[position]) : [];
    }

    public static byte[] Encode(IReadOnlyList<StoredEntry> entries)
    {
        var blob = new byte[entries.Sum(e => RecordHeader + e.Leaf.Length)];
        var at = 0;
        foreach (var (index, leaf) in entries)
        {
            BinaryPrimitives.WriteInt64BigEndian(blob.AsSpan(at), index);
            BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(at + 8), leaf.Length);
            leaf.CopyTo(blob, at + RecordHeader);
            at += RecordHeader + leaf.Length;
        }
        return blob;
    }

    /// <summary>The records of a bundle; a damaged tail ends the list (the audit then reports the entries it lacks).</summary>
    public static List<StoredEntry> Decode(byte[] blob) => Records(blob).Select(r => new StoredEntry(r.Index, r.Leaf.ToArray())).ToList();

    /// <summary>The records of a bundle without copying their leaves; a damaged tail ends them.</summary>
    public static IEnumerable<(long Index, ReadOnlyMemory<byte> Leaf)> Records(byte[] blob)
    {
        var at = 0;
        while (blob.Length - at >= RecordHeader)
        {
            var index = BinaryPrimitives.ReadInt64BigEndian(blob.AsSpan(at));
            var length = BinaryPrimitives.ReadInt32BigEndian(blob.AsSpan(at + 8));
            if (length < 0 || length > blob.Length - at - RecordHeader) yield break;
            yield return (index, blob.AsMemory(at + RecordHeader, length));
            at += RecordHeader + length;
        }
    }

    /// <summary>The openings of a bundle's entries by position (each a <see cref="LedgerOpenings"/> object or null); null when none has any.</summary>
    public static string? EncodeOpenings(IReadOnlyList<string?> openings) =>
        openings.All(o => o is null) ? null : "[" + string.Join(",", openings.Select(o => o ?? "null")) + "]";

    public static List<string?> DecodeOpenings(string? stored)
    {
        if (string.IsNullOrEmpty(stored)) return [];
        using var document = JsonDocument.Parse(stored);
        return document.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : e.GetRawText()).ToList();
    }
}

/// <summary>One stored entry: its index and the exact leaf bytes that were hashed.</summary>
public readonly record struct StoredEntry(long Index, byte[] Leaf);
