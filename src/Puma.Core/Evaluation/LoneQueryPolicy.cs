namespace Puma.Evaluation;

/// <summary>
/// How queries that have no gallery item of their own label (other than themselves) are scored.
/// Such "lone" queries are always counted and reported in <see cref="RetrievalMetrics.LoneQueries"/>.
/// </summary>
public enum LoneQueryPolicy
{
    /// <summary>
    /// Lone queries are left out of every average (the pytorch-metric-learning convention; default).
    /// </summary>
    Exclude = 0,

    /// <summary>
    /// Lone queries are scored as misses: 0 for Recall@K, MAP@R and R-precision
    /// (the convention of the PUMA reference code, for comparable numbers).
    /// </summary>
    CountAsMiss = 1,
}
