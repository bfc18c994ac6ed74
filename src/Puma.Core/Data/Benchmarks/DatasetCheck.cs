namespace Puma.Data.Benchmarks;

/// <summary>The check of one dataset.</summary>
/// <param name="Entry">The dataset checked.</param>
/// <param name="Folder">The folder looked at.</param>
/// <param name="Status">The outcome.</param>
/// <param name="Error">Why it could not be read (status <see cref="DatasetStatus.Error"/>).</param>
/// <param name="Splits">The split counts (empty unless loaded).</param>
public sealed record DatasetCheck(BenchmarkEntry Entry, string Folder, DatasetStatus Status, string? Error, IReadOnlyList<SplitCheck> Splits);
