namespace Adal.Ledger;

/// <summary>
/// The first place the log stops agreeing with itself: which leaf, which stored node or which signed
/// tree head, with a sentence an operator can act on.
/// </summary>
public sealed record AuditDivergence(
    DivergenceKind Kind,
    string Description,
    long? LeafIndex = null,
    NodeAddress? Node = null,
    SignedTreeHead? TreeHead = null)
{
    public override string ToString() => $"{Kind}: {Description}";
}
