namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// A fixed-seed sample of a labelled greyscale image collection (MNIST, Fashion-MNIST): per class, the items are
/// ordered by a hash of (seed, index) — the SplitMix64 output function, so the order is a fixed pseudo-random
/// permutation — and the first <c>perClass</c> kept, in file order.
/// Each becomes an image named by its index in the file (<c>i01234</c>): these collections have no style axis.
/// </summary>
internal static class GreyscaleSample
{
    /// <summary>Image name of item <paramref name="index"/>: "i" and five digits.</summary>
    public static string ImageName(int index) => $"i{index:D5}";

    /// <summary>The indices chosen for each label (ascending), at most <paramref name="perClass"/> per label.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<int>> Choose(IReadOnlyList<int> labels, int perClass, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(perClass, 1);
        return Enumerable.Range(0, labels.Count)
            .GroupBy(i => labels[i])
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g =>
            {
                return (IReadOnlyList<int>)g.OrderBy(i => Mix(seed + (ulong)i)).ThenBy(i => i).Take(perClass).Order().ToList();
            });
    }

    /// <summary>SplitMix64's output function: a bijective 64-bit mix.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>
    /// Recipes per class: <paramref name="className"/> names each label; <paramref name="pixels"/> gives the
    /// <paramref name="side"/>×<paramref name="side"/> pixels of an item.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>> Recipes(
        IReadOnlyDictionary<int, IReadOnlyList<int>> chosen, Func<int, string> className, Func<int, byte[]> pixels, int side) =>
        chosen.ToDictionary(
            c => className(c.Key),
            c => (IReadOnlyList<ImageRecipe>)c.Value
                .Select(i => new ImageRecipe(ImageName(i), _ => Task.FromResult(GreyscaleSource.Render(pixels(i), side, side))))
                .ToList(),
            StringComparer.Ordinal);
}
