using System.Runtime.CompilerServices;

// The tests build CompletedNodes and small-chunk stores directly to reach edge cases cheaply.
[assembly: InternalsVisibleTo("Adal.Ledger.Tests")]
