namespace Puma.Data.Benchmarks;

/// <summary>The expected size of one split of a benchmark dataset.</summary>
/// <param name="Split">The split name (<see cref="BenchmarkDataset.TrainSplit"/> …).</param>
/// <param name="Classes">Expected number of classes (declared by the split; for query/gallery, the test items).</param>
/// <param name="Images">Expected number of images.</param>
public sealed record SplitExpectation(string Split, ExpectedCount Classes, ExpectedCount Images);
