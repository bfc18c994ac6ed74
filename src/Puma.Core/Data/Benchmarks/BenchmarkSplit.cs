namespace Puma.Data.Benchmarks;

/// <summary>One split of a benchmark dataset: <c>train</c>, <c>test</c>, <c>query</c> or <c>gallery</c>.</summary>
/// <param name="Name">The split's name.</param>
/// <param name="Images">Its images, labelled 0..C−1 within the split (class names in <see cref="ImageFolder.Classes"/>).</param>
public sealed record BenchmarkSplit(string Name, ImageFolder Images);
