namespace Puma.Data.Benchmarks;

/// <summary>One dataset of the PUMA benchmark: its name, its folder under the benchmark root, its loader and its expected split sizes.</summary>
/// <param name="Name">The dataset name.</param>
/// <param name="OfficialName">The dataset's published name.</param>
/// <param name="Folder">The folder under the benchmark root (relative; the names PUMA's code uses).</param>
/// <param name="Load">Reads the dataset from its folder (full path).</param>
/// <param name="Expected">Expected classes and images per split (the paper's Table 1 with the exact counts of the official files).</param>
public sealed record BenchmarkEntry(
    string Name,
    string OfficialName,
    string Folder,
    Func<string, BenchmarkDataset> Load,
    IReadOnlyList<SplitExpectation> Expected);
