namespace Puma.Evaluation;

/// <summary>Result of <see cref="RetrievalEvaluator.Evaluate(RetrievalSet, RetrievalOptions?, Microsoft.Extensions.Logging.ILogger?, CancellationToken)"/>.</summary>
/// <param name="Datasets">Per-dataset metrics (queries and gallery restricted to that dataset), in dataset-index order.</param>
/// <param name="Unified">Every query searched in the merged gallery of all datasets.</param>
/// <param name="HarmonicMeanRecallAt1">
/// Harmonic mean of the per-dataset Recall@1: 0 when any of them is 0, <see cref="double.NaN"/> when any is NaN.
/// </param>
public sealed record RetrievalReport(
    IReadOnlyList<DatasetRetrieval> Datasets,
    RetrievalMetrics Unified,
    double HarmonicMeanRecallAt1);
