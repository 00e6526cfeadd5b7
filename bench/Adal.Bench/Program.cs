using Adal.Bench;
using Adal.Bench.Load;

// One executable, one sub-command per benchmark, so each suite can be run and recorded on its own.
switch (args.FirstOrDefault())
{
    case "ledger":
        return LedgerBenchmark.Run(quick: args.Contains("--quick"));
    case "records":
        return await RecordsBenchmark.RunAsync(quick: args.Contains("--quick"));
    case "ledger-durable":
        return await LedgerDurableBenchmark.RunAsync(quick: args.Contains("--quick"));
    case "load":
        return await LoadBenchmark.RunCommandAsync(args[1..]);
    default:
        Console.Error.WriteLine("usage: Adal.Bench ledger|records|ledger-durable [--quick]");
        Console.Error.WriteLine("       Adal.Bench load [--smoke] [--postgres CONNSTRING] [--students N] [--past-requests M] [--seconds S] [--connections C] [--keep] [--host-env KEY=VALUE]");
        Console.Error.WriteLine("  ledger   append throughput, inclusion proof latency at 10M leaves, full audit vs plain SHA-256");
        Console.Error.WriteLine("  records  import of 100,000 grade rows on SQLite, transcript PDF generated from the record");
        Console.Error.WriteLine("  ledger-durable  appends through the host (SQLite WAL, synchronous=FULL) in batches of 1,000");
        Console.Error.WriteLine("  --quick  small sizes, prints only (docs/benchmarks.md is left alone)");
        Console.Error.WriteLine("  load     registration day: seeds a fresh database, starts the built host, drives it over HTTP (docs/benchmarks.md at full size)");
        Console.Error.WriteLine("  --smoke  CI size: 200 students, 2,000 past requests, 5 s on 8 connections; prints only");
        return 2;
}
