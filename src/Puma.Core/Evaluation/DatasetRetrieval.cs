namespace Puma.Evaluation;

/// <summary>Retrieval quality of one dataset: its queries searched in its own gallery only.</summary>
/// <param name="Name">The dataset name, as given in <see cref="RetrievalSet.DatasetNames"/>.</param>
/// <param name="Metrics">The metrics of that scope.</param>
public sealed record DatasetRetrieval(string Name, RetrievalMetrics Metrics);
