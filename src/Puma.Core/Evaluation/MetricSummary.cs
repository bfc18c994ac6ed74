using Microsoft.Extensions.Logging;

namespace Puma.Evaluation;

/// <summary>Averages per-query outcomes into <see cref="RetrievalMetrics"/> under a lone-query policy.</summary>
internal static class MetricSummary
{
    /// <param name="outcomes">Per-query results of one scope.</param>
    /// <param name="ks">Ascending, distinct cut-offs (containing 1).</param>
    /// <param name="policy">How lone queries (R = 0) are scored.</param>
    /// <param name="scope">The scope, for its sizes and name.</param>
    /// <param name="logger">Receives the lone-query count and the all-lone warning.</param>
    public static RetrievalMetrics Summarise(
        QueryOutcomes outcomes, int[] ks, LoneQueryPolicy policy, EvaluationScope scope, ILogger? logger)
    {
        var hits = new long[ks.Length];
        double averagePrecision = 0, rPrecision = 0;
        int lone = 0, evaluated = 0;
        for (int q = 0; q < outcomes.Count; q++)
        {
            if (outcomes.Relevant[q] == 0)
            {
                lone++;
                if (policy == LoneQueryPolicy.Exclude) continue;
            }
            evaluated++;
            for (int j = 0; j < ks.Length; j++)
                if (outcomes.FirstHitRank[q] < Math.Min(ks[j], outcomes.Candidates[q])) hits[j]++;
            averagePrecision += outcomes.AveragePrecisionAtR[q];
            rPrecision += outcomes.RPrecision[q];
        }
        Report(logger, scope.Name, outcomes.Count, lone, policy);
        var recall = new SortedDictionary<int, double>();
        for (int j = 0; j < ks.Length; j++)
            recall[ks[j]] = Mean(hits[j], evaluated);
        return new RetrievalMetrics(
            outcomes.Count, lone, evaluated, scope.GalleryIndices.Length, recall.AsReadOnly(),
            Mean(averagePrecision, evaluated), Mean(rPrecision, evaluated));
    }

    private static double Mean(double sum, int count) => count == 0 ? double.NaN : sum / count;

    private static void Report(ILogger? logger, string scope, int queries, int lone, LoneQueryPolicy policy)
    {
        if (logger is null || lone == 0) return;
        if (lone == queries)
            logger.LogWarning(
                "Retrieval scope '{Scope}': all {Queries} queries are lone (no other gallery item of their label); "
                + "metrics are {Outcome}.", scope, queries, policy == LoneQueryPolicy.Exclude ? "NaN" : "0 (counted as misses)");
        else
            logger.LogInformation(
                "Retrieval scope '{Scope}': {Lone} of {Queries} queries are lone ({Policy}).", scope, lone, queries, policy);
    }
}
