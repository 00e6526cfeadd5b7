namespace Adal.Ledger;

/// <summary>Outcome of trusting a public key: its key id, or why it was refused.</summary>
public readonly record struct KeyImport(string? KeyId, string? Problem)
{
    public bool Succeeded => KeyId is not null;

    internal static KeyImport Refused(string problem) => new(null, problem);
}
