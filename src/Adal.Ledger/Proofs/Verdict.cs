namespace Adal.Ledger;

/// <summary>
/// The answer to "does this check out?". Bad proofs, heads and keys arrive from outside, so they
/// are answered with a verdict and a reason a person can act on, never with an exception.
/// </summary>
public readonly record struct Verdict(bool IsValid, string? Problem)
{
    public static Verdict Valid { get; } = new(true, null);

    public static Verdict Invalid(string problem) => new(false, problem);

    public override string ToString() => IsValid ? "valid" : $"invalid: {Problem}";
}
