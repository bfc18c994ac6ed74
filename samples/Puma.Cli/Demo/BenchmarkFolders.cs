using Microsoft.Extensions.Logging;
using Puma.Data;

namespace Puma.Cli.Demo;

/// <summary>
/// The three class-disjoint splits of a prepared benchmark folder laid out as <c>root/&lt;dataset&gt;/&lt;split&gt;/&lt;class&gt;/*</c>:
/// <c>source</c> (encoder pre-training), <c>train</c> (PUMA training) and <c>test</c> (retrieval evaluation).
/// </summary>
internal sealed record BenchmarkFolders(UniversalDataset Source, UniversalDataset Train, UniversalDataset Test)
{
    public static BenchmarkFolders Load(string root, ILogger logger)
    {
        var datasets = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (datasets.Count == 0) throw new DirectoryNotFoundException($"No dataset folders in the benchmark root {root}.");
        return new BenchmarkFolders(Load(root, datasets, "source", logger), Load(root, datasets, "train", logger), Load(root, datasets, "test", logger));
    }

    /// <summary>One split (<c>train</c>, <c>test</c>…) of every dataset folder of <paramref name="root"/> that has it.</summary>
    public static UniversalDataset LoadSplit(string root, string split, ILogger logger)
    {
        var datasets = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (datasets.Count == 0) throw new DirectoryNotFoundException($"No dataset folders in the benchmark root {root}.");
        return Load(root, datasets, split, logger);
    }

    private static UniversalDataset Load(string root, List<string> datasets, string split, ILogger logger)
    {
        var folders = datasets
            .Where(d => Directory.Exists(Path.Combine(root, d, split)))
            .Select(d => ImageFolder.Load(Path.Combine(root, d, split), d, logger: logger))
            .ToArray();
        if (folders.Length == 0) throw new DirectoryNotFoundException($"No dataset of {root} has a '{split}' split.");
        return UniversalDataset.Combine(folders);
    }
}
