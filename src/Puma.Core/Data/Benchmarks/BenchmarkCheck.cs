namespace Puma.Data.Benchmarks;

/// <summary>
/// Checks a benchmark root: for each dataset, whether its folder is there, whether it loads, and its classes and images
/// per split against the expected counts. Problems are reported, never thrown.
/// </summary>
public static class BenchmarkCheck
{
    /// <summary>Checks <paramref name="root"/> against <paramref name="datasets"/> (default <see cref="PumaBenchmark.Datasets"/>).</summary>
    /// <param name="root">The benchmark root folder.</param>
    /// <param name="datasets">The datasets to check.</param>
    public static BenchmarkCheckReport Run(string root, IReadOnlyList<BenchmarkEntry>? datasets = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        datasets ??= PumaBenchmark.Datasets;
        string fullRoot = Path.GetFullPath(root);
        var results = new List<DatasetCheck>();
        foreach (BenchmarkEntry entry in datasets)
        {
            string folder = Path.Combine(fullRoot, entry.Folder);
            if (!Directory.Exists(folder))
            {
                results.Add(new DatasetCheck(entry, folder, DatasetStatus.Missing, null, []));
                continue;
            }
            BenchmarkDataset dataset;
            try
            {
                dataset = entry.Load(folder);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or UnauthorizedAccessException
                                          or KeyNotFoundException or ArgumentException or OverflowException)
            {
                results.Add(new DatasetCheck(entry, folder, DatasetStatus.Error, e.Message, []));
                continue;
            }
            var splits = new List<SplitCheck>();
            foreach (SplitExpectation expected in entry.Expected)
            {
                BenchmarkSplit? split = dataset.Splits.FirstOrDefault(s => s.Name == expected.Split);
                splits.Add(split is null
                    ? new SplitCheck(expected.Split, null, null, expected)
                    : new SplitCheck(expected.Split, split.Images.NumClasses, split.Images.Samples.Count, expected));
            }
            bool ok = splits.All(s => s.Matches);
            results.Add(new DatasetCheck(entry, folder, ok ? DatasetStatus.Ok : DatasetStatus.Mismatch, null, splits));
        }
        return new BenchmarkCheckReport(fullRoot, results);
    }
}
