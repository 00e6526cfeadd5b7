using System.Numerics;

namespace Adal.Ledger;

/// <summary>The power-of-two arithmetic every RFC 9162 §2.1 algorithm splits trees with.</summary>
internal static class TreeMath
{
    /// <summary>The k of RFC 9162 §2.1.1: the largest power of two strictly smaller than n (n ≥ 2).</summary>
    public static long LargestPowerOfTwoBelow(long n)
    {
        if (n < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "A split needs at least two leaves.");
        }
        return 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));
    }

    public static bool IsPowerOfTwo(long n) => n > 0 && (n & (n - 1)) == 0;
}
