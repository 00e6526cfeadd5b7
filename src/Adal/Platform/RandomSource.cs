namespace Adal.Platform;

/// <summary>
/// Randomness comes in through this, as time comes in through TimeProvider, so assignment tests are exact.
/// Not for secrets: document numbers and receipts use RandomNumberGenerator.
/// </summary>
public interface IRandomSource
{
    /// <summary>A number in [0, 1).</summary>
    double NextDouble();
}

public sealed class SharedRandomSource : IRandomSource
{
    public double NextDouble() => Random.Shared.NextDouble();
}

/// <summary>Reproducible randomness for tests and simulations; safe to share between threads.</summary>
public sealed class SeededRandomSource(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();

    public double NextDouble()
    {
        lock (_lock) return _random.NextDouble();
    }
}
