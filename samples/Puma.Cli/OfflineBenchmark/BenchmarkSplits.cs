using Puma.Data;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>Classes of one dataset assigned to the splits, and how many candidates were too small to use.</summary>
/// <param name="Splits">Split name → its classes (ordinal order), in the order of <see cref="SplitSizes.Names"/>.</param>
/// <param name="Dropped">Candidate classes left out for having fewer than <see cref="BenchmarkSplits.MinImages"/> images.</param>
internal sealed record SplitAssignment(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Splits, int Dropped);

/// <summary>
/// Assigns the classes of a dataset to the source / train / test splits: classes with fewer than
/// <see cref="MinImages"/> images are dropped first, then <see cref="ClassSplit"/> (ordinal sort, fixed-seed
/// shuffle) cuts the rest. When fewer classes remain than requested, every split shrinks in proportion.
/// </summary>
internal static class BenchmarkSplits
{
    /// <summary>Fewest images a class needs (a query and at least one match).</summary>
    public const int MinImages = 2;

    /// <summary>Assigns classes (name → number of usable images) to splits of the requested sizes.</summary>
    public static SplitAssignment Assign(IReadOnlyDictionary<string, int> imagesPerClass, SplitSizes sizes, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(imagesPerClass);
        ArgumentNullException.ThrowIfNull(sizes);
        List<string> usable = imagesPerClass.Where(c => c.Value >= MinImages).Select(c => c.Key).ToList();
        IReadOnlyList<int> wanted = sizes.AsList();
        if (sizes.Total > usable.Count)
        {
            wanted = wanted.Select(n => (int)((long)n * usable.Count / sizes.Total)).ToList();
        }
        IReadOnlyList<IReadOnlyList<string>> cut = ClassSplit.Assign(usable, wanted, seed);
        var splits = SplitSizes.Names.Select((name, i) => KeyValuePair.Create(name, cut[i])).ToList();
        return new SplitAssignment(splits, imagesPerClass.Count - usable.Count);
    }
}
