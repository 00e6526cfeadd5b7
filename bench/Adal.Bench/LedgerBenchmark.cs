using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Adal.Ledger;

namespace Adal.Bench;

/// <summary>
/// The ledger's three questions, answered in one run so the figures share a machine state:
/// (a) how fast entries append in batches of 1,000; (b) how long an inclusion proof takes in a
/// ten-million-entry log; (c) how a full audit compares with merely hashing the same bytes once.
/// Shared machines are noisy, so (a) and (c) are also given as ratios to a plain SHA-256 loop.
/// </summary>
internal static class LedgerBenchmark
{
    private const int BatchSize = 1_000;
    private const string LogId = "bench.adal";

    public static int Run(bool quick)
    {
        int entryCount = quick ? 100_000 : 1_000_000;
        long proofLogSize = quick ? 1_000_000 : 10_000_000;
        const int ProofCount = 10_000;
        var invariant = CultureInfo.InvariantCulture;
        var results = new List<(string Measure, string Figure)>();

        Console.WriteLine($"Ledger benchmark on {BenchmarkReport.Machine()}");
        Console.WriteLine($"Preparing {entryCount:N0} grade events…");
        var entries = Events(entryCount);
        double averageBytes = entries.Average(e => e.Length);

        // (a) Append throughput.
        // Warm-up: enough calls, and a pause, for tiered JIT to finish optimising the hot methods.
        var warmUp = Events(50 * BatchSize);
        for (int round = 0; round < 4; round++)
        {
            Append(warmUp, out _, out _);
            PlainSha256(warmUp);
            ReusedSha256(warmUp);
            Thread.Sleep(100);
        }
        var (appendSeconds, store, heads) = AppendMeasured(entries);
        double plainSeconds = Median(3, () => PlainSha256(entries));
        double appendRate = entryCount / appendSeconds;
        results.Add(($"(a) append {entryCount:N0} entries in batches of {BatchSize:N0}, in-memory store", $"**{appendRate:N0} entries/s** ({appendSeconds:F2} s; {averageBytes:F0}-byte entries)"));
        results.Add(("    plain SHA-256 of the same entries, same run", $"{entryCount / plainSeconds:N0} hashes/s — append costs {appendSeconds / plainSeconds:F2}× one hash per entry"));
        Console.WriteLine($"(a) append: {appendRate:N0} entries/s; plain SHA-256 {entryCount / plainSeconds:N0}/s");

        // (c) Full audit against the plain loop, alternating so both see the same machine.
        using var verifier = new TreeHeadVerifier(LogId);
        verifier.TrustPublicKeyPem(heads.PublicKeyPem);
        var auditor = new LogAuditor(verifier, store);
        var auditTimes = new List<double>();
        var plainTimes = new List<double>();
        var reusedTimes = new List<double>();
        AuditReport? report = null;
        for (int round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            report = auditor.Audit(entries, heads.Heads);
            auditTimes.Add(watch.Elapsed.TotalSeconds);
            plainTimes.Add(PlainSha256(entries));
            reusedTimes.Add(ReusedSha256(entries));
        }
        if (report is not { IsIntact: true })
        {
            throw new InvalidOperationException($"The benchmark log failed its own audit: {report?.FirstDivergence}");
        }
        double audit = Median(auditTimes), plain = Median(plainTimes), reused = Median(reusedTimes);
        results.Add(($"(c) full audit of {entryCount:N0} entries ({heads.Heads.Count} signed tree heads, {report.StoredNodesCompared:N0} stored nodes compared)", $"**{audit:F2} s** (median of 3)"));
        results.Add(("    plain SHA-256 loop over the same entries, same run", $"{plain:F2} s (median of 3)"));
        results.Add(("    audit ÷ plain SHA-256", $"**{audit / plain:F2}×**"));
        results.Add(("    the same loop reusing one digest context (as the ledger does), same run", $"{reused:F2} s (median of 3) — audit ÷ this: **{audit / reused:F2}×**"));
        Console.WriteLine($"(c) audit {audit:F2} s vs plain {plain:F2} s: {audit / plain:F2}×; vs reused-context loop {reused:F2} s: {audit / reused:F2}×");

        entries = [];
        store = null;
        GC.Collect();

        // (b) Inclusion proofs in a ten-million-entry log.
        Console.WriteLine($"Building a {proofLogSize:N0}-leaf log…");
        var (bigLog, buildSeconds, appendOnlySeconds) = BuildLeafHashLog(proofLogSize);
        long bytes = GC.GetTotalMemory(forceFullCollection: true);
        results.Add(($"    building the {proofLogSize:N0}-leaf log (leaf hashes appended in batches of {BatchSize:N0})", $"{buildSeconds:F1} s in all; appending alone {proofLogSize / appendOnlySeconds:N0} leaves/s; {bytes / (1024.0 * 1024 * 1024):F2} GiB managed memory"));
        var (proofP50, proofP99, verifyP50, verifyP99) = ProofLatency(bigLog, ProofCount);
        results.Add(($"(b) inclusion proof, {ProofCount:N0} random leaves of {proofLogSize:N0}", $"**p50 {proofP50:F1} µs, p99 {proofP99:F1} µs**"));
        results.Add(("    verifying those proofs (RFC 9162 §2.1.3.2)", $"p50 {verifyP50:F1} µs, p99 {verifyP99:F1} µs"));
        Console.WriteLine($"(b) proof p50 {proofP50:F1} µs p99 {proofP99:F1} µs; verify p50 {verifyP50:F1} µs p99 {verifyP99:F1} µs");

        var body = new StringBuilder();
        body.AppendLine(invariant, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {BenchmarkReport.Machine()}.");
        body.AppendLine("Command: `dotnet run -c Release --project bench/Adal.Bench -- ledger` (one run; figures from a shared machine, so read the ratios first).");
        body.AppendLine();
        body.AppendLine("| measure | figure |");
        body.AppendLine("| --- | --- |");
        foreach (var (measure, figure) in results)
        {
            body.AppendLine(invariant, $"| {measure.Trim()} | {figure} |");
        }
        Console.WriteLine();
        Console.WriteLine(body);
        if (!quick)
        {
            BenchmarkReport.WriteSection("Ledger", body.ToString());
        }
        return 0;
    }

    /// <summary>Grade changes shaped like the real ones: a course, two grades, committed people.</summary>
    private static byte[][] Events(int count)
    {
        using var random = RandomNumberGenerator.Create();
        var start = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
        var events = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            events[i] = new LedgerEntry(
                LedgerEventTypes.GradeChanged,
                start.AddMilliseconds(i * 250L),
                LedgerField.Integer("request", 1_000_000 + i),
                LedgerField.Text("course", $"MATH-{i % 400:000}"),
                LedgerField.Integer("from", i % 101),
                LedgerField.Integer("to", (i * 7) % 101),
                LedgerField.Commitment("student", SaltedCommitment.Commit($"0{i:00000000000}", random).Commitment),
                LedgerField.Commitment("teacher", SaltedCommitment.Commit($"T{i % 900}", random).Commitment)).Encode();
        }
        return events;
    }

    private sealed record SignedHeads(List<SignedTreeHead> Heads, string PublicKeyPem);

    private static MerkleLog Append(byte[][] entries, out InMemoryNodeStore store, out List<(long Size, byte[] Root)> checkpoints)
    {
        store = new InMemoryNodeStore();
        var log = new MerkleLog(store);
        checkpoints = [];
        for (int at = 0; at < entries.Length; at += BatchSize)
        {
            var appended = log.AppendBatch(new ArraySegment<byte[]>(entries, at, Math.Min(BatchSize, entries.Length - at)));
            if (appended.TreeSize % 100_000 == 0 || appended.TreeSize == entries.Length)
            {
                checkpoints.Add((appended.TreeSize, appended.RootHash));
            }
        }
        return log;
    }

    private static (double Seconds, InMemoryNodeStore Store, SignedHeads Heads) AppendMeasured(byte[][] entries)
    {
        var watch = Stopwatch.StartNew();
        Append(entries, out var store, out var checkpoints);
        double seconds = watch.Elapsed.TotalSeconds;
        // Heads are signed after timing: signing is per head, not per entry.
        using var signer = LogSigner.Generate(LogId, TimeProvider.System);
        var heads = checkpoints.Select(c => signer.Sign(c.Size, c.Root)).ToList();
        return (seconds, store, new SignedHeads(heads, signer.ExportPublicKeyPem()));
    }

    private static double PlainSha256(byte[][] entries)
    {
        Span<byte> hash = stackalloc byte[32];
        var watch = Stopwatch.StartNew();
        foreach (var entry in entries)
        {
            SHA256.HashData(entry, hash);
        }
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>The fairest baseline: what the ledger's own hashing does, minus the tree.</summary>
    private static double ReusedSha256(byte[][] entries)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> hash = stackalloc byte[32];
        var watch = Stopwatch.StartNew();
        foreach (var entry in entries)
        {
            sha256.AppendData(entry);
            sha256.GetHashAndReset(hash);
        }
        return watch.Elapsed.TotalSeconds;
    }

    private static (MerkleLog Log, double BuildSeconds, double AppendSeconds) BuildLeafHashLog(long size)
    {
        var log = new MerkleLog(new InMemoryNodeStore());
        var batch = new byte[BatchSize * 32];
        Span<byte> index = stackalloc byte[8];
        long appendTicks = 0;
        var total = Stopwatch.StartNew();
        for (long at = 0; at < size; at += BatchSize)
        {
            int count = (int)Math.Min(BatchSize, size - at);
            for (int i = 0; i < count; i++)
            {
                LeafHashOf(at + i, index, batch.AsSpan(i * 32, 32));
            }
            long before = Stopwatch.GetTimestamp();
            log.AppendLeafHashes(batch.AsSpan(0, count * 32));
            appendTicks += Stopwatch.GetTimestamp() - before;
        }
        return (log, total.Elapsed.TotalSeconds, (double)appendTicks / Stopwatch.Frequency);
    }

    private static void LeafHashOf(long leaf, Span<byte> scratch, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64BigEndian(scratch, leaf);
        MerkleHash.Leaf(scratch, destination);
    }

    private static (double P50, double P99, double VerifyP50, double VerifyP99) ProofLatency(MerkleLog log, int count)
    {
        long size = log.Size;
        var root = log.RootHash();
        var random = new Random(20261123);
        for (int i = 0; i < 1_000; i++)
        {
            _ = log.GetInclusionProof(random.NextInt64(size), size); // warm-up
        }
        var proofTicks = new long[count];
        var verifyTicks = new long[count];
        Span<byte> scratch = stackalloc byte[8];
        var leafHash = new byte[32];
        for (int i = 0; i < count; i++)
        {
            long leaf = random.NextInt64(size);
            long t0 = Stopwatch.GetTimestamp();
            var proof = log.GetInclusionProof(leaf, size);
            long t1 = Stopwatch.GetTimestamp();
            proofTicks[i] = t1 - t0;
            LeafHashOf(leaf, scratch, leafHash);
            long t2 = Stopwatch.GetTimestamp();
            bool valid = MerkleProofs.VerifyInclusion(leafHash, leaf, size, proof.AuditPath, root);
            verifyTicks[i] = Stopwatch.GetTimestamp() - t2;
            if (!valid)
            {
                throw new InvalidOperationException($"The proof for leaf {leaf} did not verify.");
            }
        }
        return (Percentile(proofTicks, 0.50), Percentile(proofTicks, 0.99), Percentile(verifyTicks, 0.50), Percentile(verifyTicks, 0.99));
    }

    private static double Percentile(long[] ticks, double p)
    {
        var sorted = ticks.Order().ToArray();
        return sorted[(int)Math.Round(p * (sorted.Length - 1))] * 1_000_000.0 / Stopwatch.Frequency;
    }

    private static double Median(int runs, Func<double> measure) => Median(Enumerable.Range(0, runs).Select(_ => measure()).ToList());

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
