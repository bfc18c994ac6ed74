namespace Puma.Data.Benchmarks;

/// <summary>The check of a whole benchmark root.</summary>
/// <param name="Root">The root folder.</param>
/// <param name="Datasets">One result per dataset.</param>
public sealed record BenchmarkCheckReport(string Root, IReadOnlyList<DatasetCheck> Datasets)
{
    /// <summary>True when every dataset is <see cref="DatasetStatus.Ok"/>.</summary>
    public bool AllMatch => Datasets.All(d => d.Status == DatasetStatus.Ok);
}
