namespace Puma.Data;

/// <summary>
/// Deterministic, class-disjoint assignment of classes to splits (for example source / train / test):
/// the class names are sorted ordinally, shuffled with a fixed-seed SplitMix64 Fisher–Yates shuffle, and cut
/// into consecutive runs of the requested sizes. The same names, sizes and seed always give the same splits,
/// whatever order the names came in.
/// </summary>
public static class ClassSplit
{
    /// <summary>Assigns <paramref name="sizes"/>[i] classes to split i; classes beyond the total stay unused.</summary>
    /// <param name="classes">Distinct class names.</param>
    /// <param name="sizes">Number of classes per split (each ≥ 0, total ≤ number of classes).</param>
    /// <param name="seed">Shuffle seed.</param>
    /// <returns>One list per split, each sorted ordinally.</returns>
    /// <exception cref="ArgumentException">Repeated class names, or more classes requested than given.</exception>
    public static IReadOnlyList<IReadOnlyList<string>> Assign(IEnumerable<string> classes, IReadOnlyList<int> sizes, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(sizes);
        var sorted = classes.ToList();
        sorted.Sort(StringComparer.Ordinal);
        for (int i = 1; i < sorted.Count; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                throw new ArgumentException($"The class '{sorted[i]}' is listed twice.", nameof(classes));
            }
        }
        if (sizes.Any(s => s < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(sizes), "Split sizes must not be negative.");
        }
        long total = sizes.Sum(s => (long)s);
        if (total > sorted.Count)
        {
            throw new ArgumentException($"The splits ask for {total} classes but only {sorted.Count} are given.", nameof(sizes));
        }
        new SplitMix64(seed).Shuffle(sorted);
        var result = new List<IReadOnlyList<string>>(sizes.Count);
        int start = 0;
        foreach (int size in sizes)
        {
            var split = sorted.GetRange(start, size);
            split.Sort(StringComparer.Ordinal);
            result.Add(split);
            start += size;
        }
        return result;
    }
}
