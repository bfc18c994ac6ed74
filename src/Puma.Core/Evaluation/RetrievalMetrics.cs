namespace Puma.Evaluation;

/// <summary>
/// Retrieval quality of one evaluation scope (one dataset, or every query against the merged gallery).
/// Averages are over <see cref="EvaluatedQueries"/>; they are <see cref="double.NaN"/> when that count is 0
/// (every query lone under <see cref="LoneQueryPolicy.Exclude"/>), never a silent 0.
/// </summary>
/// <param name="Queries">Number of query samples in the scope.</param>
/// <param name="LoneQueries">
/// Queries with no gallery item of their label other than themselves (R = 0); always reported, scored by the policy.
/// </param>
/// <param name="EvaluatedQueries">
/// Queries in the averages: <c>Queries − LoneQueries</c> when lone queries are excluded, <c>Queries</c> when they count as misses.
/// </param>
/// <param name="GallerySize">Number of gallery items in the scope.</param>
/// <param name="RecallAt">
/// Recall@K in the hit-rate sense (fraction of queries with at least one same-label item among their K nearest
/// gallery items, self excluded), keyed by K in ascending order; always contains K = 1. K is clipped to the number of
/// candidates of each query.
/// </param>
/// <param name="MapAtR">
/// Mean over queries of MAP@R: with R the number of same-label gallery items of the query (self excluded),
/// (1/R) Σ_{i ≤ R} precision@i · [item i is relevant].
/// </param>
/// <param name="RPrecision">Mean over queries of the fraction of relevant items among the R nearest.</param>
public sealed record RetrievalMetrics(
    int Queries,
    int LoneQueries,
    int EvaluatedQueries,
    int GallerySize,
    IReadOnlyDictionary<int, double> RecallAt,
    double MapAtR,
    double RPrecision)
{
    /// <summary>Recall@1 (always present in <see cref="RecallAt"/>).</summary>
    public double RecallAt1 => RecallAt[1];
}
