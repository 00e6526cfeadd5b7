namespace Adal.Features.University;

/// <summary>
/// The Kazakh individual identification number (ИИН/ЖСН): 12 digits, the 7th encodes century and sex,
/// the 12th is a check digit (weights 1..11, and if that gives 10, weights 3..11,1,2; a second 10 is invalid).
/// </summary>
public static class Iin
{
    private static readonly int[] FirstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    public static bool IsValid(string? value)
    {
        if (value is not { Length: 12 } || !value.All(char.IsAsciiDigit)) return false;
        var check = CheckDigit(value.AsSpan(0, 11));
        if (check is null || check != value[11] - '0') return false;
        var month = (value[2] - '0') * 10 + (value[3] - '0');
        var day = (value[4] - '0') * 10 + (value[5] - '0');
        return month is >= 1 and <= 12 && day is >= 1 and <= 31 && value[6] is >= '1' and <= '6';
    }

    /// <summary>The check digit for the first 11 digits, or null when no valid number can end them.</summary>
    public static int? CheckDigit(ReadOnlySpan<char> first11)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++) sum += (first11[i] - '0') * FirstWeights[i];
        var check = sum % 11;
        if (check != 10) return check;
        sum = 0;
        for (var i = 0; i < 11; i++) sum += (first11[i] - '0') * SecondWeights[i];
        check = sum % 11;
        return check == 10 ? null : check;
    }
}
