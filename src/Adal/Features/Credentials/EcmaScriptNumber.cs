using System.Globalization;

namespace Adal.Features.Credentials;

/// <summary>
/// Number::toString of ECMAScript (ECMA-262 §6.1.6.1.20), which RFC 8785 §3.2.2.3 makes the canonical form of a
/// JSON number: the shortest digits that read back as the same double, then plain notation for exponents −6..20
/// and "1.5e+21" style outside them. .NET's "R" format already yields the shortest round-tripping digits; only
/// the layout differs, so the digits and exponent are taken from it and laid out the ECMAScript way.
/// </summary>
public static class EcmaScriptNumber
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "NaN and infinities have no JSON form.");
        if (value == 0) return "0"; // −0 too
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest[0] == '-';
        if (negative) shortest = shortest[1..];
        var exponent = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            shortest = shortest[..e];
        }
        var dot = shortest.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot >= 0 ? dot : shortest.Length;
        var digits = dot >= 0 ? shortest.Remove(dot, 1) : shortest;
        // value = 0.d₁d₂…dₖ × 10ⁿ with d₁ ≠ 0 and dₖ ≠ 0 (ECMA-262's k and n).
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        var k = digits.Length;
        var n = integerDigits - leadingZeros + exponent;

        string text;
        if (k <= n && n <= 21) text = digits + new string('0', n - k);
        else if (0 < n && n <= 21) text = digits[..n] + "." + digits[n..];
        else if (-6 < n && n <= 0) text = "0." + new string('0', -n) + digits;
        else
        {
            var e10 = n - 1;
            var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
            text = mantissa + "e" + (e10 < 0 ? "-" : "+") + Math.Abs(e10).ToString(CultureInfo.InvariantCulture);
        }
        return negative ? "-" + text : text;
    }
}
