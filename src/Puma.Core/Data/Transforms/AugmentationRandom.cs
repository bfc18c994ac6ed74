namespace Puma.Data.Transforms;

/// <summary>
/// The random source of the augmentations: a SplitMix64 stream (a fixed, documented algorithm, so a seed gives the same
/// crops and flips on every platform and .NET version). The loader gives each sample its own stream derived from
/// (seed, epoch, position in the epoch), so results never depend on which thread decoded which image.
/// </summary>
public sealed class AugmentationRandom
{
    private readonly SplitMix64 generator;

    /// <summary>A stream seeded with <paramref name="seed"/>.</summary>
    public AugmentationRandom(ulong seed) => generator = new SplitMix64(seed);

    /// <summary>The stream of the sample at <paramref name="position"/> of epoch <paramref name="epoch"/> of a run seeded with <paramref name="seed"/>.</summary>
    public static AugmentationRandom ForSample(ulong seed, int epoch, long position)
    {
        ulong key = Mix(Mix(seed) ^ (ulong)(uint)epoch);
        return new AugmentationRandom(Mix(key ^ (ulong)position));
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (generator.Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>Uniform integer in [0, <paramref name="bound"/>) without modulo bias.</summary>
    public int NextInt(int bound) => generator.NextInt(bound);

    private static ulong Mix(ulong value) => new SplitMix64(value).Next();
}
