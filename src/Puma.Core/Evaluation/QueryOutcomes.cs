namespace Puma.Evaluation;

/// <summary>Per-query results of a kNN search, in the order of <see cref="EvaluationScope.QueryIndices"/>.</summary>
/// <param name="FirstHitRank">0-based rank of the nearest same-label candidate, or <see cref="NoHit"/> if none was retrieved.</param>
/// <param name="Relevant">R: same-label gallery items of the query, itself excluded (0 for a lone query).</param>
/// <param name="Candidates">Gallery items the query may retrieve (the gallery minus the query itself).</param>
/// <param name="AveragePrecisionAtR">MAP@R of the query (0 when R = 0).</param>
/// <param name="RPrecision">R-precision of the query (0 when R = 0).</param>
internal sealed record QueryOutcomes(
    int[] FirstHitRank,
    int[] Relevant,
    int[] Candidates,
    double[] AveragePrecisionAtR,
    double[] RPrecision)
{
    /// <summary>Marks a query with no same-label item among its retrieved neighbours.</summary>
    public const int NoHit = int.MaxValue;

    /// <summary>Number of queries.</summary>
    public int Count => FirstHitRank.Length;
}
