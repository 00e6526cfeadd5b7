using Adal.Bench;

// One executable, one sub-command per benchmark, so each suite can be run and recorded on its own.
switch (args.FirstOrDefault())
{
    case "ledger":
        return LedgerBenchmark.Run(quick: args.Contains("--quick"));
    case "records":
        return await RecordsBenchmark.RunAsync(quick: args.Contains("--quick"));
    default:
        Console.Error.WriteLine("usage: Adal.Bench ledger|records [--quick]");
        Console.Error.WriteLine("  ledger   append throughput, inclusion proof latency at 10M leaves, full audit vs plain SHA-256");
        Console.Error.WriteLine("  records  import of 100,000 grade rows on SQLite, transcript PDF generated from the record");
        Console.Error.WriteLine("  --quick  small sizes, prints only (docs/benchmarks.md is left alone)");
        return 2;
}
