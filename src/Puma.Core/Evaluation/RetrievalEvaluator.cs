using Microsoft.Extensions.Logging;
using TorchSharp;

namespace Puma.Evaluation;

/// <summary>
/// Retrieval evaluation of embeddings: exact chunked cosine kNN, Recall@K (hit rate), MAP@R and R-precision,
/// per dataset, unified over the merged gallery, and the harmonic mean of the per-dataset Recall@1.
/// </summary>
public static class RetrievalEvaluator
{
    /// <summary>Evaluates <paramref name="set"/>. Returns managed values only; no tensor outlives the call.</summary>
    /// <param name="set">Embeddings, labels, datasets and roles.</param>
    /// <param name="options">Settings; <see langword="null"/> means <see cref="RetrievalOptions.Default"/>.</param>
    /// <param name="logger">Receives lone-query counts and a warning when every query of a scope is lone.</param>
    /// <param name="cancellationToken">Checked between query chunks.</param>
    /// <exception cref="ArgumentException">Invalid options, or a label shared by two datasets (unless allowed).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static RetrievalReport Evaluate(
        RetrievalSet set,
        RetrievalOptions? options = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        options ??= RetrievalOptions.Default;
        options.Validate();
        if (!options.AllowLabelsSharedAcrossDatasets)
            LabelOwnership.EnsureDisjoint(set);
        var ks = options.Ks.Append(1).Distinct().Order().ToArray();

        using var scope = torch.NewDisposeScope();
        var embeddings = torch.tensor(set.EmbeddingArray, [set.Count, set.Dimension], device: options.Device ?? torch.CPU);
        RetrievalMetrics Run(EvaluationScope s) => MetricSummary.Summarise(
            ChunkedKnn.Search(embeddings, set.LabelArray, s, ks[^1], options.QueryChunkSize, cancellationToken),
            ks, options.LoneQueries, s, logger);

        var datasets = Enumerable.Range(0, set.DatasetNames.Count)
            .Select(d => new DatasetRetrieval(set.DatasetNames[d], Run(EvaluationScope.ForDataset(set, d))))
            .ToArray();
        var unified = Run(EvaluationScope.Unified(set));
        return new RetrievalReport(datasets, unified, HarmonicMean.Of(datasets.Select(d => d.Metrics.RecallAt1).ToArray()));
    }
}
