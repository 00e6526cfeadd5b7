namespace Adal.Ledger;

/// <summary>
/// Event types and field names are plain lowercase ASCII so they have exactly one byte form:
/// Unicode names could differ only in normalisation and still look identical to a reader.
/// </summary>
internal static class LedgerNames
{
    public const int MaxLength = 64;

    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > MaxLength || name[0] is < 'a' or > 'z')
        {
            return false;
        }
        foreach (char c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-'))
            {
                return false;
            }
        }
        return true;
    }

    public static bool IsValidEventType(ReadOnlySpan<char> name) => IsValid(name) && name.Contains('.') && name[^1] != '.';
}
